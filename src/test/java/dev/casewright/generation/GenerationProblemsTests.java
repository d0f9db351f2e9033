package dev.casewright.generation;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The refusals of this issue as the panel receives them: problem+json, stable types, Retry-After. */
class GenerationProblemsTests {

    /** Stands in for the generation endpoint: throws what the generation would. */
    @RestController
    static class RefusingController {

        @PostMapping("/api/issues/{issueKey}/generations")
        String generate(@PathVariable String issueKey) {
            throw switch (issueKey) {
                case "BUSY-1" -> new GenerationsBusyException(4, Duration.ofSeconds(15));
                case "FULL-1" -> new ServiceBusyException(32, Duration.ofSeconds(15));
                case "BUDGET-1" -> new TokenBudgetExceededException(99_500, 100_000, 1_200, LocalDate.of(2026, 4, 1));
                case "OPEN-1" ->
                    new ModelCallException(
                            "anthropic",
                            ModelCallException.Cause.CIRCUIT_OPEN,
                            Duration.ofSeconds(60),
                            new IllegalStateException("open"));
                case "LIMIT-1" ->
                    new ModelCallException(
                            "openai",
                            ModelCallException.Cause.RATE_LIMITED,
                            Duration.ofMillis(89_200),
                            new RateLimitException(new HttpException(429, "{}")));
                default ->
                    new ModelCallException(
                            "gemini", ModelCallException.Cause.TIMED_OUT, new IllegalStateException("90 s passed"));
            };
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new RefusingController())
            .setControllerAdvice(new GenerationProblemAdvice())
            .build();

    private org.springframework.test.web.servlet.ResultActions generate(String issueKey) throws Exception {
        return mvc.perform(post("/api/issues/{issueKey}/generations", issueKey)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anInstanceAtItsGenerationLimitGets503WithRetryAfter() throws Exception {
        generate("FULL-1")
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "15"))
                .andExpect(jsonPath("$.type").value("/problems/service-busy"));
    }

    @Test
    void aTenantAtItsGenerationLimitGets429WithRetryAfter() throws Exception {
        generate("BUSY-1")
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "15"))
                .andExpect(jsonPath("$.type").value("/problems/generations-busy"))
                .andExpect(jsonPath("$.title").value("Too many generations at once"))
                .andExpect(jsonPath("$.limit").value(4))
                .andExpect(jsonPath("$.detail")
                        .value("Your site already runs 4 generations at once, the most it may; try again when one"
                                + " of them has finished."));
    }

    @Test
    void aTenantOverItsTokenBudgetGets403NamingUseBudgetAndReset() throws Exception {
        generate("BUDGET-1")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("/problems/token-budget-exceeded"))
                .andExpect(jsonPath("$.title").value("Monthly token budget reached"))
                .andExpect(jsonPath("$.used").value(99_500))
                .andExpect(jsonPath("$.budget").value(100_000))
                .andExpect(jsonPath("$.resetsOn").value("2026-04-01"))
                .andExpect(jsonPath("$.detail")
                        .value(org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.containsString("99500 of its 100000 tokens"),
                                org.hamcrest.Matchers.containsString("2026-04-01"))));
    }

    @Test
    void anOpenBreakerIs503NamingTheProviderWithRetryAfter() throws Exception {
        generate("OPEN-1")
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "60"))
                .andExpect(jsonPath("$.type").value("/problems/model-circuit-open"))
                .andExpect(jsonPath("$.provider").value("anthropic"))
                .andExpect(
                        jsonPath("$.detail").value("anthropic: the provider failed repeatedly; calls pause for 60 s."));
    }

    @Test
    void aRateLimitTheProviderAsksUsToWaitOutIs429WithItsWaitRoundedUp() throws Exception {
        generate("LIMIT-1")
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "90"))
                .andExpect(jsonPath("$.type").value("/problems/model-rate-limited"))
                .andExpect(jsonPath("$.provider").value("openai"));
    }

    @Test
    void aTimeoutIs504WithoutRetryAfter() throws Exception {
        generate("SLOW-1")
                .andExpect(status().isGatewayTimeout())
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.type").value("/problems/model-timed-out"))
                .andExpect(jsonPath("$.provider").value("gemini"));
    }
}
