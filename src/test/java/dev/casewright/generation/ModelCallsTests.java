package dev.casewright.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.casewright.tenancy.TenantId;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, the wait they take and the circuit breaker, against a stub of OpenAI's chat completions. */
class ModelCallsTests {

    static final WireMockServer PROVIDER =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    static final String COMPLETIONS = "/v1/chat/completions";

    private final TenantId acme = new TenantId(UUID.randomUUID().toString());
    private final TenantId globex = new TenantId(UUID.randomUUID().toString());
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final RetryRegistry retries = RetryRegistry.ofDefaults();
    private final ModelCalls calls = new ModelCalls(
            new ChatModels(),
            breakers,
            retries,
            TestGenerationProperties.with(Map.of(
                    // Tiny waits keep the tests fast; what is waited is observed, not timed.
                    "model-retry-backoff", "PT0.01S",
                    "circuit-window", "4",
                    "circuit-minimum-calls", "4",
                    "circuit-open-for", "PT60S")));
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final ChatRequest request = ChatRequest.builder()
            .messages(SystemMessage.from("You write Gherkin."), UserMessage.from("Plan the suite."))
            .build();

    @BeforeAll
    static void start() {
        PROVIDER.start();
    }

    @AfterAll
    static void stop() {
        PROVIDER.stop();
    }

    @BeforeEach
    void reset() {
        PROVIDER.resetAll();
        retries.getEventPublisher()
                .onEntryAdded(added ->
                        added.getAddedEntry().getEventPublisher().onRetry(event -> waits.add(event.getWaitInterval())));
    }

    private ModelConnection openAi(String key) {
        return new ModelConnection(
                "openai", "gpt-4o-mini", URI.create(PROVIDER.baseUrl() + "/v1"), key, Duration.ofSeconds(5));
    }

    private static MappingBuilder completions() {
        return post(urlPathEqualTo(COMPLETIONS));
    }

    private static String answer() {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1767225600,\"model\":\"gpt-4o-mini-2024-07-18\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"{}\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":57,\"completion_tokens\":17,\"total_tokens\":74}}";
    }

    /** OpenAI's 429: the wait is in the headers and, for us, in the message. */
    private static String rateLimited(String tryAgainIn) {
        return "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini in organization org-abc on requests per min"
                + " (RPM): Limit 3, Used 3, Requested 1. Please try again in " + tryAgainIn
                + ". Visit https://platform.openai.com/account/rate-limits to learn more.\",\"type\":\"requests\","
                + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
    }

    private static ModelCallException.Cause causeOf(Runnable call) {
        ModelCallException e = catchThrowableOfType(ModelCallException.class, call::run);
        assertThat(e).as("the call fails with a ModelCallException").isNotNull();
        return e.reason();
    }

    private int requests() {
        return PROVIDER.findAll(postRequestedFor(urlPathEqualTo(COMPLETIONS))).size();
    }

    @Test
    void aRateLimitIsWaitedOutAsTheProviderAsksAndTheSecondAnswerIsReturned() {
        PROVIDER.stubFor(completions()
                .inScenario("busy")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody(rateLimited("20ms")))
                .willSetStateTo("free"));
        PROVIDER.stubFor(
                completions().inScenario("busy").whenScenarioStateIs("free").willReturn(okJson(answer())));

        var response = calls.call(acme, openAi("sk-acme"), request);

        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(57);
        assertThat(requests()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofMillis(20));
    }

    @Test
    void aRateLimitAskingForLongerThanTheUserCanWaitFailsAtOnceAndSaysHowLong() {
        PROVIDER.stubFor(completions().willReturn(aResponse().withStatus(429).withBody(rateLimited("1m30s"))));

        assertThatThrownBy(() -> calls.call(acme, openAi("sk-acme"), request))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ModelCallException.Cause.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(90));
                })
                .hasMessage("openai: the provider's rate limit or quota was reached; it asks to wait 90 s");
        assertThat(requests()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void serverErrorsAreRepeatedTwiceWithGrowingWaitsThenReportedAsUnavailable() {
        PROVIDER.stubFor(completions().willReturn(aResponse().withStatus(500)));

        assertThat(causeOf(() -> calls.call(acme, openAi("sk-acme"), request)))
                .isEqualTo(ModelCallException.Cause.UNAVAILABLE);
        assertThat(requests()).isEqualTo(3);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(7), Duration.ofMillis(13));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(15), Duration.ofMillis(25));
    }

    @Test
    void aRejectedKeyIsAskedOnce() {
        PROVIDER.stubFor(completions()
                .willReturn(aResponse()
                        .withStatus(401)
                        .withBody("{\"error\":{\"message\":\"Incorrect API key provided: sk-a***\",\"type\":"
                                + "\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")));

        assertThat(causeOf(() -> calls.call(acme, openAi("sk-acme"), request)))
                .isEqualTo(ModelCallException.Cause.KEY_REJECTED);
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void aTimeoutIsNeverRepeated() {
        PROVIDER.stubFor(completions().willReturn(okJson(answer()).withFixedDelay(1_500)));
        var slow = new ModelConnection(
                "openai", "gpt-4o-mini", URI.create(PROVIDER.baseUrl() + "/v1"), "k", Duration.ofMillis(200));

        assertThat(causeOf(() -> calls.call(acme, slow, request))).isEqualTo(ModelCallException.Cause.TIMED_OUT);
        assertThat(requests()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void repeatedFailuresOpenTheBreakerForThatTenantOnly() {
        PROVIDER.stubFor(completions()
                .withHeader("Authorization", equalTo("Bearer sk-acme"))
                .willReturn(aResponse().withStatus(503)));
        PROVIDER.stubFor(completions()
                .withHeader("Authorization", equalTo("Bearer sk-globex"))
                .willReturn(okJson(answer())));

        // Three attempts each: the breaker has seen four failures within the second call and opens.
        assertThat(causeOf(() -> calls.call(acme, openAi("sk-acme"), request)))
                .isEqualTo(ModelCallException.Cause.UNAVAILABLE);
        assertThat(causeOf(() -> calls.call(acme, openAi("sk-acme"), request)))
                .isEqualTo(ModelCallException.Cause.CIRCUIT_OPEN);
        int seen = requests();

        assertThatThrownBy(() -> calls.call(acme, openAi("sk-acme"), request))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ModelCallException.Cause.CIRCUIT_OPEN);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60));
                })
                .hasMessage("openai: the provider failed repeatedly; calls pause for 60 s");
        assertThat(requests()).as("an open breaker sends nothing").isEqualTo(seen);

        assertThat(calls.call(globex, openAi("sk-globex"), request).aiMessage().text())
                .isEqualTo("{}");
    }

    @Test
    void answersThatAreNotFailuresDoNotOpenTheBreaker() {
        PROVIDER.stubFor(completions().willReturn(aResponse().withStatus(404).withBody("{\"error\":{}}")));

        for (int call = 0; call < 6; call++) {
            assertThat(causeOf(() -> calls.call(acme, openAi("sk-acme"), request)))
                    .isEqualTo(ModelCallException.Cause.MODEL_NOT_FOUND);
        }
        assertThat(requests()).isEqualTo(6);
    }

    @Test
    void theBackoffDoublesWithJitterAndNeverExceedsTheCap() {
        var defaults = new ModelCalls(new ChatModels(), breakers, retries, TestGenerationProperties.with(Map.of()));

        assertThat(defaults.waitMillis(1, null)).isBetween(750L, 1250L);
        assertThat(defaults.waitMillis(2, null)).isBetween(1500L, 2500L);
        assertThat(defaults.waitMillis(8, null)).isEqualTo(20_000L);
    }

    @Test
    void theWaitProvidersAskForIsReadFromTheirErrorBodies() {
        assertThat(ModelCalls.waitHint(limit(rateLimited("1.5s")))).isEqualTo(Duration.ofMillis(1500));
        assertThat(ModelCalls.waitHint(limit(rateLimited("250ms")))).isEqualTo(Duration.ofMillis(250));
        assertThat(ModelCalls.waitHint(limit(rateLimited("6m0s")))).isEqualTo(Duration.ofMinutes(6));
        assertThat(ModelCalls.waitHint(limit(
                        "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the ChatCompletions_Create Operation"
                                + " have exceeded call rate limit. Please retry after 20 seconds.\"}}")))
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(ModelCalls.waitHint(
                        limit("{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted\",\"status\":"
                                + "\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                                + "\"retryDelay\": \"33s\"}]}}")))
                .isEqualTo(Duration.ofSeconds(33));
        assertThat(ModelCalls.waitHint(limit(
                        "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}")))
                .isNull();
    }

    private static ModelCallException limit(String body) {
        return new ModelCallException(
                "openai", ModelCallException.Cause.RATE_LIMITED, new RateLimitException(new HttpException(429, body)));
    }
}
