package dev.casewright.generation;

import dev.casewright.jira.JiraException;
import dev.casewright.jira.JiraProblems;
import java.lang.reflect.Method;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/** This module's refusals as problem details with stable types; Jira's are {@link JiraProblems}'. */
@RestControllerAdvice(basePackageClasses = GenerationProblemAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class GenerationProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(GenerationProblemAdvice.class);
    private final ExceptionHandlerMethodResolver handlers =
            new ExceptionHandlerMethodResolver(GenerationProblemAdvice.class);

    @ExceptionHandler(ModelCallException.class)
    ResponseEntity<ProblemDetail> modelCall(ModelCallException e) {
        HttpStatus status = switch (e.reason()) {
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case TIMED_OUT -> HttpStatus.GATEWAY_TIMEOUT;
            case CIRCUIT_OPEN -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_GATEWAY;
        };
        String type =
                "model-" + e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        ProblemDetail problem = problem(status, type, "The model call failed", e.getMessage() + ".");
        problem.setProperty("provider", e.provider());
        var response = ResponseEntity.status(status);
        java.time.Duration retryAfter = e.retryAfter();
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(ModelCallException.seconds(retryAfter)));
        }
        return response.body(problem);
    }

    @ExceptionHandler(GenerationsBusyException.class)
    ResponseEntity<ProblemDetail> busy(GenerationsBusyException e) {
        ProblemDetail problem = problem(
                HttpStatus.TOO_MANY_REQUESTS, "generations-busy", "Too many generations at once", e.getMessage());
        problem.setProperty("limit", e.limit());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ModelCallException.seconds(e.retryAfter())))
                .body(problem);
    }

    @ExceptionHandler(ServiceBusyException.class)
    ResponseEntity<ProblemDetail> serviceBusy(ServiceBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ModelCallException.seconds(e.retryAfter())))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "service-busy", "Casewright is busy", e.getMessage()));
    }

    @ExceptionHandler(TokenBudgetExceededException.class)
    ProblemDetail budget(TokenBudgetExceededException e) {
        ProblemDetail problem =
                problem(HttpStatus.FORBIDDEN, "token-budget-exceeded", "Monthly token budget reached", e.getMessage());
        problem.setProperty("used", e.used());
        problem.setProperty("budget", e.budget());
        problem.setProperty("resetsOn", e.resetsOn().toString());
        return problem;
    }

    @ExceptionHandler(ScenarioPlanner.NoModelConfiguredException.class)
    ProblemDetail noModel(ScenarioPlanner.NoModelConfiguredException e) {
        return problem(HttpStatus.CONFLICT, "no-model-configured", "No model configured", e.getMessage());
    }

    @ExceptionHandler(GenerationRequest.InvalidGenerationRequestException.class)
    ProblemDetail invalidRequest(GenerationRequest.InvalidGenerationRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-generation-request", "Invalid request", e.getMessage());
    }

    @ExceptionHandler(UserRequiredException.class)
    ProblemDetail userRequired(UserRequiredException e) {
        return problem(HttpStatus.FORBIDDEN, "user-required", "A Jira user is needed", e.getMessage());
    }

    @ExceptionHandler(InvalidIssueKeyException.class)
    ProblemDetail invalidKey(InvalidIssueKeyException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-issue-key", "Not an issue key", e.getMessage());
    }

    /**
     * The problem this advice would answer for {@code failure}, for a response that is already a
     * stream (the SSE {@code error} event). Anything it does not handle is an internal error, told
     * without its message.
     */
    ProblemDetail describe(Exception failure) {
        if (failure instanceof JiraException jira) {
            return JiraProblems.of(jira).getBody();
        }
        Method handler = handlers.resolveMethod(failure);
        if (handler != null) {
            try {
                Object answer = handler.invoke(this, failure);
                if (answer instanceof ProblemDetail problem) {
                    return problem;
                }
                if (answer instanceof ResponseEntity<?> entity && entity.getBody() instanceof ProblemDetail problem) {
                    return problem;
                }
            } catch (ReflectiveOperationException e) {
                log.error("Could not describe a failure of a streamed generation", e);
            }
        } else {
            log.error("A streamed generation failed unexpectedly", failure);
        }
        ProblemDetail internal = problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "Something went wrong on our side. Quote the request id if you report it.");
        String requestId = org.slf4j.MDC.get("requestId");
        if (requestId != null) {
            internal.setProperty("requestId", requestId);
        }
        return internal;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
