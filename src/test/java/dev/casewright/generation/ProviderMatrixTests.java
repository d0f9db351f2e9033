package dev.casewright.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.casewright.tenancy.TenantId;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every provider through {@link ModelCalls} and {@link ChatModels} against a stub of its real HTTP
 * API: the answer and its usage, the key sent the provider's way, and each failure a provider
 * really answers with — its own status and error body — mapped to the cause an admin can act on.
 * Bodies follow stack-notes.md 3.5 and the providers' documented error shapes.
 */
class ProviderMatrixTests {

    static final WireMockServer SERVER =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String PLAN = "{\"featureName\":\"Checkout\",\"scenarios\":[]}";
    /** What a model writes when it runs out of output tokens in the middle of the plan. */
    static final String CUT_OFF_PLAN =
            "{\"featureName\":\"Checkout\",\"scenarios\":[{\"title\":\"Pay with a saved card\",\"steps\":[\"Given a";

    /** Retries on, waits tiny: what is waited is observed through retry events, not timed. */
    private final RetryRegistry retries = RetryRegistry.ofDefaults();

    private final ModelCalls calls = new ModelCalls(
            new ChatModels(),
            CircuitBreakerRegistry.ofDefaults(),
            retries,
            TestGenerationProperties.with(Map.of(
                    "model-retries", "2",
                    "model-retry-backoff", "PT0.01S",
                    // Azure states its wait in whole seconds; one second is the smallest it asks for.
                    "model-retry-max-wait", "PT1S")));
    private final TenantId tenant = new TenantId(UUID.randomUUID().toString());
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final ModelReplyParser replies = new ModelReplyParser(JSON);
    private final ChatRequest request = ChatRequest.builder()
            .messages(SystemMessage.from("You write Gherkin."), UserMessage.from("Plan the suite."))
            .build();

    @BeforeAll
    static void start() {
        SERVER.start();
    }

    @AfterAll
    static void stop() {
        SERVER.stop();
    }

    @BeforeEach
    void reset() {
        SERVER.resetAll();
        retries.getEventPublisher()
                .onEntryAdded(added ->
                        added.getAddedEntry().getEventPublisher().onRetry(event -> waits.add(event.getWaitInterval())));
    }

    /** A provider's status and body for one kind of failure. */
    record Failure(int status, String contentType, String body) {

        static Failure json(int status, String body) {
            return new Failure(status, "application/json", body);
        }

        static Failure html(int status, String body) {
            return new Failure(status, "text/html", body);
        }

        ResponseDefinitionBuilder response() {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", contentType)
                    .withBody(body);
        }
    }

    /** Builds a provider's success body: the text, its finish reason and its token counts. */
    @FunctionalInterface
    interface Answer {
        String body(String text, String finishReason, int inputTokens, int outputTokens);
    }

    /**
     * One provider as the matrix drives it.
     *
     * @param basePath what the tenant's base URL adds to the stub server's address
     * @param path the path LangChain4j posts to
     * @param carriesKey what the request carries for the key, the provider's way
     * @param temperature JSON pointer to the temperature in the request body
     * @param finished the provider's finish reason for a complete answer
     * @param cutOff its finish reason for an answer stopped at the output-token limit
     * @param askedWait the wait the 429 body asks for, which {@link ModelCalls} honours; null when the
     *     provider states it only in headers LangChain4j does not expose, so the backoff applies
     */
    record Provider(
            String name,
            String model,
            String basePath,
            String path,
            @Nullable String key,
            UnaryOperator<RequestPatternBuilder> carriesKey,
            String temperature,
            Answer answer,
            String finished,
            String cutOff,
            Failure rejectedKey,
            Failure unknownModel,
            Failure rateLimited,
            @Nullable Duration askedWait,
            Failure serverError) {

        ModelConnection connection(Duration timeout) {
            return new ModelConnection(name, model, URI.create(SERVER.baseUrl() + basePath), key, timeout);
        }

        MappingBuilder endpoint() {
            return post(urlPathEqualTo(path));
        }

        RequestPatternBuilder requested() {
            return postRequestedFor(urlPathEqualTo(path));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Provider> providers() {
        return Stream.of(openAi(), azureOpenAi(), anthropic(), gemini(), ollama(), openAiCompatible());
    }

    /** A string as a JSON string literal: model output travels inside the provider's JSON. */
    static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }

    static String openAiAnswer(String text, String finishReason, int input, int output) {
        return "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\",\"created\":1767225600,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":" + quoted(text) + ",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,"
                + "\"finish_reason\":\"" + finishReason + "\"}],\"usage\":{\"prompt_tokens\":" + input
                + ",\"completion_tokens\":" + output + ",\"total_tokens\":" + (input + output)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
                + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
                + "\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\",\"system_fingerprint\":\"fp_560af6e559\"}";
    }

    static Provider openAi() {
        return new Provider(
                "openai",
                "gpt-4o-mini",
                "/v1",
                "/v1/chat/completions",
                "sk-openai-test",
                r -> r.withHeader("Authorization", equalTo("Bearer sk-openai-test")),
                "/temperature",
                ProviderMatrixTests::openAiAnswer,
                "stop",
                "length",
                Failure.json(
                        401,
                        "{\"error\":{\"message\":\"Incorrect API key provided: sk-opena*****test. You can find your API"
                                + " key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\","
                                + "\"param\":null,\"code\":\"invalid_api_key\"}}"),
                Failure.json(
                        404,
                        "{\"error\":{\"message\":\"The model `gpt-4o-mini` does not exist or you do not have access to"
                                + " it.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}"),
                Failure.json(
                        429,
                        "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini in organization org-abc on"
                                + " requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20ms. Visit"
                                + " https://platform.openai.com/account/rate-limits to learn more.\",\"type\":\"requests\","
                                + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}"),
                Duration.ofMillis(20),
                Failure.json(
                        500,
                        "{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about"
                                + " that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
    }

    /**
     * Azure OpenAI's v1 API (ADR 0006): OpenAI's protocol with the deployment as model name and the
     * key as {@code api-key}; Azure adds its content-filter results and writes its own error bodies.
     */
    static Provider azureOpenAi() {
        return new Provider(
                "azure-openai",
                "casewright-gpt-4o",
                "/openai/v1",
                "/openai/v1/chat/completions",
                "azure-key-test",
                r -> r.withHeader("api-key", equalTo("azure-key-test")),
                "/temperature",
                (text, finishReason, input, output) -> "{\"choices\":[{\"content_filter_results\":{\"hate\":"
                        + "{\"filtered\":false,\"severity\":\"safe\"},\"self_harm\":{\"filtered\":false,\"severity\":"
                        + "\"safe\"},\"sexual\":{\"filtered\":false,\"severity\":\"safe\"},\"violence\":{\"filtered\":"
                        + "false,\"severity\":\"safe\"}},\"finish_reason\":\"" + finishReason + "\",\"index\":0,"
                        + "\"logprobs\":null,\"message\":{\"content\":" + quoted(text) + ",\"refusal\":null,\"role\":"
                        + "\"assistant\"}}],\"created\":1767225600,\"id\":\"chatcmpl-AzR1\",\"model\":"
                        + "\"gpt-4o-2024-11-20\",\"object\":\"chat.completion\",\"prompt_filter_results\":[{"
                        + "\"prompt_index\":0,\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":"
                        + "\"safe\"}}}],\"system_fingerprint\":\"fp_ee1d74bde0\",\"usage\":{\"completion_tokens\":"
                        + output + ",\"prompt_tokens\":" + input + ",\"total_tokens\":" + (input + output) + "}}",
                "stop",
                "length",
                Failure.json(
                        401,
                        "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key or"
                                + " wrong API endpoint. Make sure to provide a valid key for an active subscription and"
                                + " use a correct regional API endpoint for your resource.\"}}"),
                Failure.json(
                        404,
                        "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this"
                                + " resource does not exist. If you created the deployment within the last 5 minutes,"
                                + " please wait a moment and try again.\"}}"),
                Failure.json(
                        429,
                        "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the ChatCompletions_Create Operation"
                                + " under Azure OpenAI API version v1 have exceeded token rate limit of your current"
                                + " OpenAI S0 pricing tier. Please retry after 1 second. Please go here:"
                                + " https://aka.ms/oai/quotaincrease if you would like to further increase the default"
                                + " rate limit.\"}}"),
                Duration.ofSeconds(1),
                Failure.json(
                        500,
                        "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"The service is temporarily unable"
                                + " to process your request. Please try again later.\"}}"));
    }

    static Provider anthropic() {
        return new Provider(
                "anthropic",
                "claude-sonnet-4-5",
                "/v1/",
                "/v1/messages",
                "sk-ant-test",
                r -> r.withHeader("x-api-key", equalTo("sk-ant-test"))
                        .withHeader("anthropic-version", equalTo("2023-06-01")),
                "/temperature",
                (text, stopReason, input, output) -> "{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":"
                        + "\"text\",\"text\":" + quoted(text) + "}],\"stop_reason\":\"" + stopReason + "\","
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + input
                        + ",\"cache_creation_input_tokens\":0,"
                        + "\"cache_read_input_tokens\":0,\"output_tokens\":" + output
                        + ",\"service_tier\":\"standard\"}}",
                "end_turn",
                "max_tokens",
                Failure.json(
                        401,
                        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid"
                                + " x-api-key\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}"),
                Failure.json(
                        404,
                        "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model:"
                                + " claude-sonnet-4-5\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fz\"}"),
                Failure.json(
                        429,
                        "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"This request would"
                                + " exceed the rate limit for your organization of 50 requests per minute. For details,"
                                + " refer to: https://docs.claude.com/en/api/rate-limits. You can see the response"
                                + " headers for current usage. Please reduce the prompt length or the maximum tokens"
                                + " requested, or try again later.\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7G0\"}"),
                // Anthropic's wait is only in its retry-after header, which LangChain4j does not expose.
                null,
                Failure.json(
                        500,
                        "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"},"
                                + "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7G1\"}"));
    }

    /**
     * Gemini's Developer API. It answers a wrong key not with 401 but with 400 INVALID_ARGUMENT and
     * the reason {@code API_KEY_INVALID}; that is the rejected-key case here.
     */
    static Provider gemini() {
        return new Provider(
                "gemini",
                "gemini-2.5-flash",
                "/v1beta",
                "/v1beta/models/gemini-2.5-flash:generateContent",
                "AIza-gemini-test",
                r -> r.withHeader("x-goog-api-key", equalTo("AIza-gemini-test")).withQueryParam("key", absent()),
                "/generationConfig/temperature",
                (text, finishReason, input, output) -> "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":"
                        + quoted(text) + "}],\"role\":\"model\"},\"finishReason\":\"" + finishReason
                        + "\",\"index\":0}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":" + input + ",\"candidatesTokenCount\":" + output
                        + ",\"totalTokenCount\":" + (input + output) + ",\"promptTokensDetails\":[{\"modality\":"
                        + "\"TEXT\",\"tokenCount\":" + input + "}]},\"modelVersion\":\"gemini-2.5-flash\","
                        + "\"responseId\":\"resp-gemini-1\"}",
                "STOP",
                "MAX_TOKENS",
                Failure.json(
                        400,
                        "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
                                + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":"
                                + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\","
                                + "\"domain\":\"googleapis.com\",\"metadata\":{\"service\":"
                                + "\"generativelanguage.googleapis.com\"}},{\"@type\":"
                                + "\"type.googleapis.com/google.rpc.LocalizedMessage\",\"locale\":\"en-US\","
                                + "\"message\":\"API key not valid. Please pass a valid API key.\"}]}}"),
                Failure.json(
                        404,
                        "{\"error\":{\"code\":404,\"message\":\"models/gemini-2.5-flash is not found for API version"
                                + " v1beta, or is not supported for generateContent. Call ListModels to see the list of"
                                + " available models and their supported methods.\",\"status\":\"NOT_FOUND\"}}"),
                Failure.json(
                        429,
                        "{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota, please check your"
                                + " plan and billing details.\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
                                + "\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaMetric\":"
                                + "\"generativelanguage.googleapis.com/generate_content_free_tier_requests\","
                                + "\"quotaId\":\"GenerateRequestsPerMinutePerProjectPerModel-FreeTier\"}]},{\"@type\":"
                                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"0.020s\"}]}}"),
                Duration.ofMillis(20),
                Failure.json(
                        500,
                        "{\"error\":{\"code\":500,\"message\":\"An internal error has occurred. Please retry or report"
                                + " in https://developers.generativeai.google/guide/troubleshooting\",\"status\":"
                                + "\"INTERNAL\"}}"));
    }

    /**
     * Ollama has no keys and no rate limits of its own: the 401 and the 429 here come from the
     * reverse proxy (nginx) that guards a shared Ollama, as HTML; the rest are Ollama's own
     * {@code {"error": "..."}} bodies.
     */
    static Provider ollama() {
        return new Provider(
                "ollama",
                "llama3.2",
                "",
                "/api/chat",
                null,
                r -> r.withHeader("Authorization", absent()),
                "/options/temperature",
                (text, doneReason, input, output) -> "{\"model\":\"llama3.2\",\"created_at\":"
                        + "\"2026-01-01T00:00:00.000000Z\",\"message\":{\"role\":\"assistant\",\"content\":"
                        + quoted(text) + "},\"done_reason\":\"" + doneReason + "\",\"done\":true,\"total_duration\":"
                        + "4883583458,\"load_duration\":1334875,\"prompt_eval_count\":" + input
                        + ",\"prompt_eval_duration\":342546000,\"eval_count\":" + output
                        + ",\"eval_duration\":4535599000}",
                "stop",
                "length",
                Failure.html(
                        401,
                        "<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401"
                                + " Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n"
                                + "</html>\r\n"),
                Failure.json(404, "{\"error\":\"model \\\"llama3.2\\\" not found, try pulling it first\"}"),
                Failure.html(
                        429,
                        "<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n<center><h1>429 Too"
                                + " Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"),
                null,
                Failure.json(500, "{\"error\":\"llama runner process has terminated: signal: killed\"}"));
    }

    /**
     * An OpenAI-compatible server: vLLM's, started with {@code --api-key}. It writes its own error
     * objects; its 429 comes from a LiteLLM gateway in front of it, in LiteLLM's shape.
     */
    static Provider openAiCompatible() {
        return new Provider(
                "openai-compatible",
                "Qwen/Qwen2.5-7B-Instruct",
                "/v1",
                "/v1/chat/completions",
                "vllm-token",
                r -> r.withHeader("Authorization", equalTo("Bearer vllm-token")),
                "/temperature",
                (text, finishReason, input, output) -> "{\"id\":\"chatcmpl-9f2c\",\"object\":\"chat.completion\","
                        + "\"created\":1767225600,\"model\":\"Qwen/Qwen2.5-7B-Instruct\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"reasoning_content\":null,\"content\":" + quoted(text)
                        + ",\"tool_calls\":[]},\"logprobs\":null,\"finish_reason\":\"" + finishReason + "\","
                        + "\"stop_reason\":null}],\"usage\":{\"prompt_tokens\":" + input + ",\"total_tokens\":"
                        + (input + output) + ",\"completion_tokens\":" + output + ",\"prompt_tokens_details\":null},"
                        + "\"prompt_logprobs\":null}",
                "stop",
                "length",
                Failure.json(401, "{\"error\":\"Unauthorized\"}"),
                Failure.json(
                        404,
                        "{\"object\":\"error\",\"message\":\"The model `Qwen/Qwen2.5-7B-Instruct` does not exist.\","
                                + "\"type\":\"NotFoundError\",\"param\":null,\"code\":404}"),
                Failure.json(
                        429,
                        "{\"error\":{\"message\":\"LiteLLM Rate Limit Handler for rate limit type = key. Crossed TPM /"
                                + " RPM / Max Parallel Request Limit. current rpm: 3, rpm limit: 3\",\"type\":"
                                + "\"throttling_error\",\"param\":\"None\",\"code\":\"429\"}}"),
                null,
                Failure.json(
                        500,
                        "{\"object\":\"error\",\"message\":\"EngineCore encountered an issue.\",\"type\":"
                                + "\"InternalServerError\",\"param\":null,\"code\":500}"));
    }

    private ChatResponse call(Provider provider) {
        return calls.call(tenant, provider.connection(Duration.ofSeconds(5)), request);
    }

    private static ModelCallException failureOf(Runnable call) {
        ModelCallException e = catchThrowableOfType(ModelCallException.class, call::run);
        assertThat(e).as("the call fails with a ModelCallException").isNotNull();
        return e;
    }

    private static int requests(Provider provider) {
        return SERVER.findAll(provider.requested()).size();
    }

    private static void stubRateLimitedThenAnswering(Provider provider, int limitedTimes, String answer) {
        String state = STARTED;
        for (int limited = 1; limited <= limitedTimes; limited++) {
            String next = "limited-" + limited;
            SERVER.stubFor(provider.endpoint()
                    .inScenario("busy")
                    .whenScenarioStateIs(state)
                    .willReturn(provider.rateLimited().response().withHeader("Retry-After", "1"))
                    .willSetStateTo(next));
            state = next;
        }
        SERVER.stubFor(provider.endpoint()
                .inScenario("busy")
                .whenScenarioStateIs(state)
                .willReturn(okJson(answer)));
    }

    private void assertWaitsAsAsked(Provider provider, int count) {
        assertThat(waits).hasSize(count);
        if (provider.askedWait() != null) {
            assertThat(waits).allSatisfy(wait -> assertThat(wait).isEqualTo(provider.askedWait()));
        } else {
            // Only the exponential backoff from PT0.01S, with jitter: the Retry-After header is not seen.
            assertThat(waits.get(0)).isBetween(Duration.ofMillis(7), Duration.ofMillis(13));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void theAnswerAndItsUsageAreReadAndTheKeyIsSentTheProvidersWayAtTemperatureZero(Provider provider) {
        SERVER.stubFor(
                provider.endpoint().willReturn(okJson(provider.answer().body(PLAN, provider.finished(), 57, 17))));

        ChatResponse response = call(provider);

        assertThat(response.aiMessage().text()).isEqualTo(PLAN);
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(57);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(17);
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        SERVER.verify(1, provider.carriesKey().apply(provider.requested()));
        LoggedRequest sent = SERVER.findAll(provider.requested()).get(0);
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertThat(body.at(provider.temperature()).isNumber())
                .as("temperature at %s", provider.temperature())
                .isTrue();
        assertThat(body.at(provider.temperature()).asDouble()).isZero();
        if (provider.key() != null) {
            assertThat(sent.getUrl()).as("the key never travels in the URL").doesNotContain(provider.key());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aRejectedKeyIsReportedAsSuchAfterExactlyOneRequest(Provider provider) {
        SERVER.stubFor(provider.endpoint().willReturn(provider.rejectedKey().response()));

        ModelCallException e = failureOf(() -> call(provider));

        assertThat(e.reason()).isEqualTo(ModelCallException.Cause.KEY_REJECTED);
        assertThat(e).hasMessage(provider.name() + ": the provider rejected the API key");
        assertThat(requests(provider)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void anUnknownModelIsReportedAsSuchAfterExactlyOneRequest(Provider provider) {
        SERVER.stubFor(provider.endpoint().willReturn(provider.unknownModel().response()));

        assertThat(failureOf(() -> call(provider)).reason()).isEqualTo(ModelCallException.Cause.MODEL_NOT_FOUND);
        assertThat(requests(provider)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aRateLimitWithRetryAfterIsWaitedOutAndTheSecondAnswerIsReturned(Provider provider) {
        stubRateLimitedThenAnswering(provider, 1, provider.answer().body(PLAN, provider.finished(), 57, 17));

        ChatResponse response = call(provider);

        assertThat(response.aiMessage().text()).isEqualTo(PLAN);
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(57);
        assertThat(requests(provider)).isEqualTo(2);
        assertWaitsAsAsked(provider, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aRateLimitThatOutlastsTheRetriesIsReportedAsRateLimited(Provider provider) {
        stubRateLimitedThenAnswering(provider, 3, provider.answer().body(PLAN, provider.finished(), 57, 17));

        ModelCallException e = failureOf(() -> call(provider));

        assertThat(e.reason()).isEqualTo(ModelCallException.Cause.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(provider.askedWait());
        assertThat(requests(provider)).isEqualTo(3);
        assertWaitsAsAsked(provider, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aServerErrorIsReportedAsUnavailableAfterTheConfiguredRetries(Provider provider) {
        SERVER.stubFor(provider.endpoint().willReturn(provider.serverError().response()));

        assertThat(failureOf(() -> call(provider)).reason()).isEqualTo(ModelCallException.Cause.UNAVAILABLE);
        assertThat(requests(provider)).as("the first request and two retries").isEqualTo(3);
        assertThat(waits).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void anAnswerSlowerThanTheTimeoutTimesOutAfterExactlyOneRequest(Provider provider) {
        SERVER.stubFor(provider.endpoint()
                .willReturn(okJson(provider.answer().body(PLAN, provider.finished(), 57, 17))
                        .withFixedDelay(1_500)));

        ModelCallException e =
                failureOf(() -> calls.call(tenant, provider.connection(Duration.ofMillis(300)), request));

        assertThat(e.reason()).isEqualTo(ModelCallException.Cause.TIMED_OUT);
        assertThat(requests(provider)).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void anAnswerStoppedAtTheTokenLimitIsReportedAsTruncated(Provider provider) {
        SERVER.stubFor(provider.endpoint()
                .willReturn(okJson(provider.answer().body(CUT_OFF_PLAN, provider.cutOff(), 57, 8192))));

        ChatResponse response = call(provider);

        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(8192);
        ModelReplyParser.UnusableReply unusable = catchThrowableOfType(
                ModelReplyParser.UnusableReply.class,
                () -> replies.parse(response.aiMessage().text(), response.finishReason() == FinishReason.LENGTH));
        assertThat(unusable).isNotNull();
        assertThat(unusable.truncated()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aResponseBodyCutOffMidJsonIsReportedAsUnavailableAfterTheConfiguredRetries(Provider provider) {
        String whole = provider.answer().body(PLAN, provider.finished(), 57, 17);
        SERVER.stubFor(provider.endpoint().willReturn(okJson(whole.substring(0, whole.length() / 2))));

        assertThat(failureOf(() -> call(provider)).reason()).isEqualTo(ModelCallException.Cause.UNAVAILABLE);
        assertThat(requests(provider)).isEqualTo(3);
    }

    /** Answers only some providers give, each with the cause it must map to and how often it is sent. */
    static Stream<Arguments> providerSpecificAnswers() {
        return Stream.of(
                Arguments.of(
                        anthropic(),
                        "overloaded (529)",
                        Failure.json(
                                529,
                                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},"
                                        + "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7G2\"}"),
                        ModelCallException.Cause.UNAVAILABLE,
                        3),
                Arguments.of(
                        gemini(),
                        "a key blocked for this API (403)",
                        Failure.json(
                                403,
                                "{\"error\":{\"code\":403,\"message\":\"Requests to this API generativelanguage.googleapis.com"
                                        + " method google.ai.generativelanguage.v1beta.GenerativeService.GenerateContent are"
                                        + " blocked.\",\"status\":\"PERMISSION_DENIED\",\"details\":[{\"@type\":"
                                        + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_SERVICE_BLOCKED\","
                                        + "\"domain\":\"googleapis.com\"}]}}"),
                        ModelCallException.Cause.KEY_REJECTED,
                        1),
                Arguments.of(
                        gemini(),
                        "a malformed request (400 without API_KEY_INVALID)",
                        Failure.json(
                                400,
                                "{\"error\":{\"code\":400,\"message\":\"* GenerateContentRequest.contents: contents is"
                                        + " not specified\\n\",\"status\":\"INVALID_ARGUMENT\"}}"),
                        ModelCallException.Cause.REQUEST_REJECTED,
                        1),
                Arguments.of(
                        gemini(),
                        "the model overloaded (503)",
                        Failure.json(
                                503,
                                "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again"
                                        + " later.\",\"status\":\"UNAVAILABLE\"}}"),
                        ModelCallException.Cause.UNAVAILABLE,
                        3),
                Arguments.of(
                        ollama(),
                        "its request queue full (503)",
                        Failure.json(
                                503,
                                "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}"),
                        ModelCallException.Cause.UNAVAILABLE,
                        3),
                Arguments.of(
                        azureOpenAi(),
                        "its content filter (400)",
                        Failure.json(
                                400,
                                "{\"error\":{\"message\":\"The response was filtered due to the prompt triggering Azure"
                                        + " OpenAI's content management policy.\",\"type\":null,\"param\":\"prompt\","
                                        + "\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":"
                                        + "\"ResponsibleAIPolicyViolation\",\"content_filter_result\":{\"jailbreak\":"
                                        + "{\"filtered\":true,\"detected\":true}}}}}"),
                        ModelCallException.Cause.REQUEST_REJECTED,
                        1),
                Arguments.of(
                        openAi(),
                        "a prompt over the context window (400)",
                        Failure.json(
                                400,
                                "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens."
                                        + " However, your messages resulted in 130512 tokens. Please reduce the length of the"
                                        + " messages.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":"
                                        + "\"context_length_exceeded\"}}"),
                        ModelCallException.Cause.REQUEST_REJECTED,
                        1),
                Arguments.of(
                        openAi(),
                        "an account without credit (429 insufficient_quota, not worth repeating)",
                        Failure.json(
                                429,
                                "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and"
                                        + " billing details.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":"
                                        + "\"insufficient_quota\"}}"),
                        ModelCallException.Cause.QUOTA_EXCEEDED,
                        1),
                Arguments.of(
                        anthropic(),
                        "an account without credit (400)",
                        Failure.json(
                                400,
                                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                                        + "\"Your credit balance is too low to access the Anthropic API. Please go to Plans &"
                                        + " Billing to upgrade or purchase credits.\"}}"),
                        ModelCallException.Cause.QUOTA_EXCEEDED,
                        1));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("providerSpecificAnswers")
    void answersOnlySomeProvidersGiveMapToTheCauseAnAdminCanActOn(
            Provider provider, String answer, Failure failure, ModelCallException.Cause cause, int sent) {
        SERVER.stubFor(provider.endpoint().willReturn(failure.response()));

        assertThat(failureOf(() -> call(provider)).reason()).as(answer).isEqualTo(cause);
        assertThat(requests(provider)).isEqualTo(sent);
    }
}
