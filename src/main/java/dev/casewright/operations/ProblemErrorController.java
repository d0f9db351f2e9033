package dev.casewright.operations;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders errors that never reached a controller (a filter failed, the container rejected the
 * request) as problem details too, replacing Spring Boot's whitelabel page and its JSON map.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private final JsonMapper json;

    ProblemErrorController(JsonMapper json) {
        this.json = json;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.value() < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = status.is5xxServerError()
                ? "Something went wrong on our side. Quote the request id if you report it."
                : status.getReasonPhrase();
        Problems.write(request, response, json, status, detail, null);
    }
}
