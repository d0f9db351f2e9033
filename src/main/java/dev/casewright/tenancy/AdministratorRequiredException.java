package dev.casewright.tenancy;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The caller is not a Jira administrator of the site; see {@link JiraAdministrators#require}. */
public class AdministratorRequiredException extends RuntimeException {

    AdministratorRequiredException(String toDoWhat) {
        super("Only Jira administrators can " + toDoWhat + ".");
    }

    /** 403 {@code /problems/administrators-only} for every endpoint that requires an administrator. */
    @RestControllerAdvice
    @Order(Ordered.LOWEST_PRECEDENCE - 1)
    static class Problems {

        @ExceptionHandler(AdministratorRequiredException.class)
        ProblemDetail administratorsOnly(AdministratorRequiredException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
            problem.setType(URI.create("/problems/administrators-only"));
            problem.setTitle("For Jira administrators");
            return problem;
        }
    }
}
