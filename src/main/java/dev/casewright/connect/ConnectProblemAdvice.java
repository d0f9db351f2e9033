package dev.casewright.connect;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps this module's refusals to problem details with stable types. */
@RestControllerAdvice(assignableTypes = {LifecycleController.class, ConnectPageController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConnectProblemAdvice {

    @ExceptionHandler(LifecycleRejectedException.NotTheSender.class)
    ProblemDetail notTheSender(LifecycleRejectedException e) {
        return problem(HttpStatus.FORBIDDEN, "lifecycle-client-key-mismatch", e.getMessage());
    }

    @ExceptionHandler(LifecycleRejectedException.InvalidPayload.class)
    ProblemDetail invalidPayload(LifecycleRejectedException e) {
        return problem(HttpStatus.BAD_REQUEST, "lifecycle-payload-invalid", e.getMessage());
    }

    static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        return problem;
    }
}
