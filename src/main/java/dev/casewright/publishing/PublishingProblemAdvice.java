package dev.casewright.publishing;

import java.net.URI;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A target's refusal for a whole request (a per-scenario failure is reported in the publication
 * result instead), as a problem with a stable type that names the target; requests refused before
 * any write. Jira's answers while reading the story are {@code dev.casewright.jira.JiraProblems}'.
 */
@RestControllerAdvice(basePackageClasses = PublishingProblemAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PublishingProblemAdvice {

    @ExceptionHandler(TargetException.class)
    ResponseEntity<ProblemDetail> target(TargetException e) {
        HttpStatus status = switch (e.kind()) {
            case CREDENTIALS_REJECTED, PERMISSION_DENIED, REJECTED, UNAVAILABLE, OUTCOME_UNKNOWN ->
                HttpStatus.BAD_GATEWAY;
            case NOT_CONFIGURED -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create("/problems/" + e.target() + "-"
                + e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(
                e.target().substring(0, 1).toUpperCase(Locale.ROOT) + e.target().substring(1) + " refused the request");
        problem.setProperty("target", e.target());
        var response = ResponseEntity.status(status);
        if (e.retryAfter() != null) {
            response.header(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        return response.body(problem);
    }

    @ExceptionHandler(PublicationRefusedException.class)
    ProblemDetail refused(PublicationRefusedException e) {
        ProblemDetail problem = problem(e.status(), e.type(), e.title(), e.getMessage());
        if (!e.scenarioId().isEmpty()) {
            problem.setProperty("scenarioId", e.scenarioId());
            problem.setProperty("errors", e.errors());
        }
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
