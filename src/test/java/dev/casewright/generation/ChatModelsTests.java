package dev.casewright.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each provider against a local stub of its real HTTP API (shapes from stack-notes.md 3.5). */
class ChatModelsTests {

    static final WireMockServer PROVIDER =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    static final String PLAN = "{\\\"featureName\\\":\\\"Checkout\\\",\\\"scenarios\\\":[]}";

    private final ChatModels models = new ChatModels();
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
    }

    private ModelConnection connection(String provider, String model, String path, String key) {
        return new ModelConnection(provider, model, URI.create(PROVIDER.baseUrl() + path), key, Duration.ofSeconds(5));
    }

    private static String openAiReply() {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1767225600,\"model\":\"gpt-4o-mini-2024-07-18\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + PLAN + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":57,\"completion_tokens\":17,\"total_tokens\":74}}";
    }

    @Test
    void openAiAnswersWithTextAndUsageAndGetsTheKeyAsBearer() {
        PROVIDER.stubFor(post("/v1/chat/completions").willReturn(okJson(openAiReply())));

        ChatResponse response = models.call(connection("openai", "gpt-4o-mini", "/v1", "sk-test"), request);

        assertThat(response.aiMessage().text()).contains("Checkout");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(57);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(17);
        PROVIDER.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer sk-test")));
    }

    @Test
    void azureOpenAiIsCalledThroughItsOpenAiCompatibleApiWithAnApiKeyHeader() {
        PROVIDER.stubFor(post("/openai/v1/chat/completions").willReturn(okJson(openAiReply())));

        models.call(connection("azure-openai", "my-gpt-deployment", "/openai/v1", "azure-key"), request);

        PROVIDER.verify(postRequestedFor(urlPathEqualTo("/openai/v1/chat/completions"))
                .withHeader("api-key", equalTo("azure-key")));
    }

    @Test
    void anthropicAnswersWithTextAndUsage() {
        PROVIDER.stubFor(post("/v1/messages")
                .willReturn(okJson(
                        "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                                + "\"content\":[{\"type\":\"text\",\"text\":\"" + PLAN
                                + "\"}],\"stop_reason\":\"end_turn\","
                                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":40,\"output_tokens\":12}}")));

        ChatResponse response = models.call(connection("anthropic", "claude-sonnet-4-5", "/v1/", "ant-key"), request);

        assertThat(response.aiMessage().text()).contains("Checkout");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(40);
        PROVIDER.verify(postRequestedFor(urlPathEqualTo("/v1/messages")).withHeader("x-api-key", equalTo("ant-key")));
    }

    @Test
    void geminiAnswersWithTextAndUsage() {
        PROVIDER.stubFor(
                post(urlPathEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
                        .willReturn(
                                okJson(
                                        "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\""
                                                + PLAN
                                                + "\"}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":33,"
                                                + "\"candidatesTokenCount\":14,\"totalTokenCount\":47},\"modelVersion\":\"gemini-2.5-flash\"}")));

        ChatResponse response = models.call(connection("gemini", "gemini-2.5-flash", "/v1beta", "g-key"), request);

        assertThat(response.aiMessage().text()).contains("Checkout");
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(14);
    }

    @Test
    void ollamaAnswersWithTextAndUsageWithoutAKey() {
        PROVIDER.stubFor(post("/api/chat")
                .willReturn(okJson(
                        "{\"model\":\"llama3.2\",\"created_at\":\"2026-01-01T00:00:00.000Z\",\"message\":{\"role\":"
                                + "\"assistant\",\"content\":\"" + PLAN + "\"},\"done_reason\":\"stop\",\"done\":true,"
                                + "\"prompt_eval_count\":26,\"eval_count\":9}")));

        ChatResponse response = models.call(
                new ModelConnection("ollama", "llama3.2", URI.create(PROVIDER.baseUrl()), null, Duration.ofSeconds(5)),
                request);

        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(26);
    }

    @Test
    void jsonModeReachesGeminiAndOllamaInTheirOwnWords() {
        var json = dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(request.messages())
                .responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.JSON)
                .build();
        PROVIDER.stubFor(post(urlPathEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
                .willReturn(okJson("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"{}\"}]},"
                        + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,"
                        + "\"candidatesTokenCount\":1,\"totalTokenCount\":4}}")));
        PROVIDER.stubFor(post("/api/chat")
                .willReturn(okJson("{\"model\":\"llama3.2\",\"created_at\":\"2026-01-01T00:00:00.000Z\",\"message\":"
                        + "{\"role\":\"assistant\",\"content\":\"{}\"},\"done_reason\":\"stop\",\"done\":true,"
                        + "\"prompt_eval_count\":3,\"eval_count\":1}")));

        models.call(connection("gemini", "gemini-2.5-flash", "/v1beta", "g-key"), json);
        models.call(
                new ModelConnection("ollama", "llama3.2", URI.create(PROVIDER.baseUrl()), null, Duration.ofSeconds(5)),
                json);

        assertThat(PROVIDER.findAll(postRequestedFor(urlPathEqualTo("/v1beta/models/gemini-2.5-flash:generateContent")))
                        .get(0)
                        .getBodyAsString())
                .containsPattern("\"responseMimeType\"\\s*:\\s*\"application/json\"");
        assertThat(PROVIDER.findAll(postRequestedFor(urlPathEqualTo("/api/chat")))
                        .get(0)
                        .getBodyAsString())
                .containsPattern("\"format\"\\s*:\\s*\"json\"");
    }

    @Test
    void aRejectedKeyNamesTheProviderAndTheCause() {
        PROVIDER.stubFor(post("/v1/chat/completions")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withBody("{\"error\":{\"message\":\"Incorrect API key provided: sk-t***\"}}")));

        assertThatThrownBy(() -> models.call(connection("openai", "gpt-4o-mini", "/v1", "sk-test"), request))
                .isInstanceOfSatisfying(
                        ModelCallException.class,
                        e -> assertThat(e.reason()).isEqualTo(ModelCallException.Cause.KEY_REJECTED))
                .hasMessage("openai: the provider rejected the API key");
    }

    @Test
    void aRateLimitIsReportedAsSuch() {
        PROVIDER.stubFor(
                post("/v1/messages")
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Retry-After", "20")
                                        .withBody(
                                                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}")));

        assertThatThrownBy(() -> models.call(connection("anthropic", "claude-sonnet-4-5", "/v1/", "k"), request))
                .isInstanceOfSatisfying(
                        ModelCallException.class,
                        e -> assertThat(e.reason()).isEqualTo(ModelCallException.Cause.RATE_LIMITED));
        PROVIDER.verify(1, postRequestedFor(urlPathEqualTo("/v1/messages")));
    }

    @Test
    void aServerErrorIsUnavailableAndNotRetriedByTheClient() {
        PROVIDER.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> models.call(connection("openai", "gpt-4o-mini", "/v1", "k"), request))
                .isInstanceOfSatisfying(
                        ModelCallException.class,
                        e -> assertThat(e.reason()).isEqualTo(ModelCallException.Cause.UNAVAILABLE));
        PROVIDER.verify(1, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void aSlowProviderTimesOut() {
        PROVIDER.stubFor(
                post("/v1/chat/completions").willReturn(okJson(openAiReply()).withFixedDelay(2_000)));
        var slow = new ModelConnection(
                "openai", "gpt-4o-mini", URI.create(PROVIDER.baseUrl() + "/v1"), "k", Duration.ofMillis(300));

        assertThatThrownBy(() -> models.call(slow, request))
                .isInstanceOfSatisfying(
                        ModelCallException.class,
                        e -> assertThat(e.reason()).isEqualTo(ModelCallException.Cause.TIMED_OUT));
    }

    @Test
    void connectionsAreCheckedBeforeAnyCall() {
        assertThatThrownBy(() -> new ModelConnection("openai", "gpt-4o", null, " ", Duration.ofSeconds(1)))
                .hasMessageContaining("needs an API key");
        assertThatThrownBy(() -> new ModelConnection("ollama", "llama3.2", null, null, Duration.ofSeconds(1)))
                .hasMessageContaining("needs a base URL");
        assertThatThrownBy(() -> new ModelConnection("skynet", "x", null, null, Duration.ofSeconds(1)))
                .hasMessageContaining("unknown model provider");
        assertThat(new ModelConnection("openai", "gpt-4o", null, "sk-secret", Duration.ofSeconds(1)).toString())
                .doesNotContain("sk-secret");
    }
}
