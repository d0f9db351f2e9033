package dev.casewright.operations;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Gives Spring MVC's own errors a stable problem {@code type} instead of {@code about:blank}, and
 * answers anything no module mapped with a generic 500 that shows the request id and nothing of
 * the exception. Modules map their domain exceptions in their own advice, which runs first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class HttpProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(HttpProblemAdvice.class);

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && isBlank(problem.getType())) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            if (status != null) {
                problem.setType(Problems.type(status));
            }
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception exception, HttpServletRequest request) {
        // The message and stack trace go to the log only: they may name internals or echo input.
        log.error("Unexpected failure handling {} {}", request.getMethod(), request.getRequestURI(), exception);
        ProblemDetail problem = Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. Quote the request id if you report it.");
        Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    private static boolean isBlank(@Nullable URI type) {
        return type == null || "about:blank".equals(type.toString());
    }
}
