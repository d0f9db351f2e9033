package dev.casewright.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootTest
@AutoConfigureMockMvc
@Import(HttpEdgeIntegrationTests.FailingController.class)
@ExtendWith(OutputCaptureExtension.class)
class HttpEdgeIntegrationTests {

    static final String METRICS_TOKEN = "test-metrics-token-0123456789abcdef";

    @RestController
    static class FailingController {

        @GetMapping("/api/test/failure")
        String fail() {
            throw new IllegalStateException("database password is hunter2");
        }
    }

    @Autowired
    MockMvc mvc;

    private static void assertSecurityHeaders(ResultActions result) throws Exception {
        result.andExpect(header().string("Strict-Transport-Security", org.hamcrest.Matchers.containsString("max-age=")))
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().exists("X-Request-Id"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /api/issues/SHOP-1/context",
        "POST, /api/issues/SHOP-1/generations",
        "GET, /api/settings",
        "GET, /panel/issue",
        "GET, /admin/configure",
        "POST, /lifecycle/installed",
        "POST, /lifecycle/enabled",
        "GET, /actuator/prometheus",
        "GET, /actuator/env",
        "GET, /anything/else",
        "GET, /"
    })
    void anUnauthenticatedRequestToAnythingButThePublicRoutesGets401AsAProblem(String method, String path)
            throws Exception {
        var result = mvc.perform(
                        "POST".equals(method)
                                ? post(path)
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content("{}")
                                : get(path))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/unauthenticated"))
                .andExpect(jsonPath("$.status").value(401));
        assertSecurityHeaders(result);
    }

    @Test
    void healthIsPublicAndReportsTheDatabase() throws Exception {
        var result = mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"));
        assertSecurityHeaders(result);
    }

    @Test
    void theDescriptorCarriesTheSecurityHeaders() throws Exception {
        assertSecurityHeaders(mvc.perform(get("/atlassian-connect.json")).andExpect(status().isOk()));
    }

    @Test
    void prometheusAnswersTheOperatorsBearerToken() throws Exception {
        String metrics = mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + METRICS_TOKEN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(metrics).contains("jvm_memory_used_bytes");
    }

    @Test
    void prometheusRejectsAWrongBearerToken() throws Exception {
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + METRICS_TOKEN + "x"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void anUnexpectedFailureIsAGeneric500ProblemWithTheRequestIdAndNothingOfTheException(CapturedOutput output)
            throws Exception {
        String body = mvc.perform(get("/api/test/failure").with(user("someone")).header("X-Request-Id", "req-12345678"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/internal-error"))
                .andExpect(jsonPath("$.requestId").value("req-12345678"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(body).doesNotContain("hunter2", "IllegalStateException", "at dev.casewright");
        assertThat(output).contains("[req-12345678]").contains("Unexpected failure handling GET /api/test/failure");
        // The log keeps the class and the stack, but not the message, which may quote what failed.
        assertThat(output)
                .contains("java.lang.IllegalStateException: [message withheld]", "at dev.casewright")
                .doesNotContain("hunter2");
    }

    @Test
    void anUnknownRouteIsANotFoundProblemForAnAuthenticatedCaller() throws Exception {
        mvc.perform(get("/api/does-not-exist").with(user("someone")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/not-found"));
    }

    @Test
    void aWrongMethodOnAPublicRouteIsAMethodNotAllowedProblem() throws Exception {
        mvc.perform(post("/atlassian-connect.json"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.type").value("/problems/method-not-allowed"));
    }

    @Test
    void errorsOutsideControllersAreRenderedAsProblemsToo() throws Exception {
        mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 503))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/unavailable"));
    }

    @Test
    void aWellFormedRequestIdFromTheCallerIsKept() throws Exception {
        mvc.perform(get("/actuator/health").header("X-Request-Id", "lb-0a1b2c3d4e"))
                .andExpect(header().string("X-Request-Id", "lb-0a1b2c3d4e"));
    }

    @Test
    void aMalformedRequestIdIsReplacedNotEchoed() throws Exception {
        String id = mvc.perform(get("/actuator/health").header("X-Request-Id", "abc\r\nSet-Cookie: x=1 and more text"))
                .andReturn()
                .getResponse()
                .getHeader("X-Request-Id");

        assertThat(id).matches("[0-9a-f-]{36}");
    }
}
