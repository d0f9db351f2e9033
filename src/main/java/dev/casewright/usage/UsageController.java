package dev.casewright.usage;

import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.JiraAdministrators;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/usage?from=2026-11-01&to=2026-11-30}: totals by day and by model, for Jira admins. */
@RestController
class UsageController {

    private final UsageReports reports;
    private final JiraAdministrators administrators;

    UsageController(UsageReports reports, JiraAdministrators administrators) {
        this.reports = reports;
        this.administrators = administrators;
    }

    /** Defaults to the last 30 days (UTC). */
    @GetMapping("/api/usage")
    UsageReport usage(
            @AuthenticationPrincipal HostUser caller,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        administrators.require(caller, "see usage");
        LocalDate until = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
        LocalDate since = from == null ? until.minusDays(29) : from;
        return reports.report(caller.tenant(), since, until);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRange(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-date-range", "A usage report covers 1 to 400 days.");
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        return problem;
    }
}
