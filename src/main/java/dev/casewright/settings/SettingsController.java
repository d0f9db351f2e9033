package dev.casewright.settings;

import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.JiraAdministrators;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET} and {@code PUT /api/settings}, for Jira administrators; the API key is write-only. */
@RestController
class SettingsController {

    private final TenantSettings settings;
    private final JiraAdministrators administrators;

    SettingsController(TenantSettings settings, JiraAdministrators administrators) {
        this.settings = settings;
        this.administrators = administrators;
    }

    @GetMapping("/api/settings")
    SettingsView read(@AuthenticationPrincipal HostUser caller) {
        requireAdministrator(caller);
        return settings.view(caller.tenant());
    }

    @PutMapping("/api/settings")
    SettingsView update(@AuthenticationPrincipal HostUser caller, @RequestBody SettingsChange change) {
        requireAdministrator(caller);
        return settings.update(caller, change);
    }

    private void requireAdministrator(HostUser caller) {
        administrators.require(caller, "configure Casewright");
    }

    @ExceptionHandler(SettingsChange.InvalidSettingsException.class)
    ProblemDetail invalid(SettingsChange.InvalidSettingsException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-settings", e.getMessage());
    }

    @ExceptionHandler(TenantSettings.SettingsChangedMeanwhileException.class)
    ProblemDetail conflict(TenantSettings.SettingsChangedMeanwhileException e) {
        return problem(HttpStatus.CONFLICT, "settings-changed-meanwhile", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        return problem;
    }
}
