package dev.casewright.jira;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Jira's refusals as problem details with stable types, for every endpoint that calls Jira: the
 * issue is not there or not visible, the user may not, Jira is busy (with {@code Retry-After}),
 * unavailable, or refused what we sent. Ahead of the operations module's catch-all, behind the
 * modules' own advice.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class JiraProblems {

    @ExceptionHandler(JiraException.class)
    ResponseEntity<ProblemDetail> handle(JiraException e) {
        return of(e);
    }

    /** The answer for {@code e}, also for a response that is already a stream and sends it as an event. */
    public static ResponseEntity<ProblemDetail> of(JiraException e) {
        if (e instanceof JiraException.IssueNotFound) {
            return answer(HttpStatus.NOT_FOUND, "issue-not-found", "Issue not found", e);
        }
        if (e instanceof JiraException.PermissionDenied) {
            return answer(HttpStatus.FORBIDDEN, "jira-permission-denied", "Jira did not allow this", e);
        }
        if (e instanceof JiraException.RateLimited limited) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(
                            HttpHeaders.RETRY_AFTER,
                            Long.toString(Math.max(1, limited.retryAfter().toSeconds())))
                    .body(problem(HttpStatus.TOO_MANY_REQUESTS, "jira-rate-limited", "Jira is busy", e));
        }
        if (e instanceof JiraException.Unavailable) {
            return answer(HttpStatus.SERVICE_UNAVAILABLE, "jira-unavailable", "Jira is not available", e);
        }
        return answer(HttpStatus.BAD_GATEWAY, "jira-rejected", "Jira refused the request", e);
    }

    private static ResponseEntity<ProblemDetail> answer(HttpStatus status, String type, String title, JiraException e) {
        return ResponseEntity.status(status).body(problem(status, type, title, e));
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, JiraException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
