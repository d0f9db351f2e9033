package dev.casewright.generation;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Builds LangChain4j chat models per connection (a tenant's settings or the operator default) and
 * calls them, translating provider failures into {@link ModelCallException}s. Clients are cached
 * per connection: they are thread-safe and hold an HTTP client. LangChain4j's own retries are off
 * ({@code maxRetries(0)}): retrying is the caller's decision. Temperature 0: the same issue should
 * give the same suite.
 */
@Component
class ChatModels {

    private static final int CACHED = 256;

    private final Map<ModelConnection, ChatModel> models = new ConcurrentHashMap<>();

    ChatModel model(ModelConnection connection) {
        if ("none".equals(connection.provider())) {
            throw new IllegalArgumentException("provider none makes no model calls");
        }
        if (models.size() >= CACHED) {
            models.clear();
        }
        return models.computeIfAbsent(connection, ChatModels::build);
    }

    ChatResponse call(ModelConnection connection, ChatRequest request) {
        try {
            return model(connection).chat(request);
        } catch (AuthenticationException e) {
            throw new ModelCallException(connection.provider(), ModelCallException.Cause.KEY_REJECTED, e);
        } catch (RateLimitException e) {
            // OpenAI (and Azure) say "insufficient_quota" when the account has no credit left:
            // waiting does not help, so it is not a rate limit to retry.
            throw new ModelCallException(
                    connection.provider(),
                    mentions(e, "insufficient_quota")
                            ? ModelCallException.Cause.QUOTA_EXCEEDED
                            : ModelCallException.Cause.RATE_LIMITED,
                    e);
        } catch (ModelNotFoundException e) {
            throw new ModelCallException(connection.provider(), ModelCallException.Cause.MODEL_NOT_FOUND, e);
        } catch (TimeoutException e) {
            throw new ModelCallException(connection.provider(), ModelCallException.Cause.TIMED_OUT, e);
        } catch (InvalidRequestException e) {
            // Gemini answers a wrong key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID, not with 401.
            throw new ModelCallException(
                    connection.provider(),
                    mentions(e, "API_KEY_INVALID")
                            ? ModelCallException.Cause.KEY_REJECTED
                            // Anthropic refuses with 400 when the account's credit is used up.
                            : mentions(e, "credit balance is too low")
                                    ? ModelCallException.Cause.QUOTA_EXCEEDED
                                    : ModelCallException.Cause.REQUEST_REJECTED,
                    e);
        } catch (RuntimeException e) {
            // Timeouts sometimes arrive wrapped; everything else is the provider being unavailable.
            boolean timedOut = hasCause(e, java.net.http.HttpTimeoutException.class)
                    || hasCause(e, java.net.SocketTimeoutException.class);
            throw new ModelCallException(
                    connection.provider(),
                    timedOut ? ModelCallException.Cause.TIMED_OUT : ModelCallException.Cause.UNAVAILABLE,
                    e);
        }
    }

    /** Whether the provider's error body, carried in some cause's message, says {@code text}. */
    private static boolean mentions(Throwable e, String text) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static ChatModel build(ModelConnection c) {
        String baseUrl = c.baseUrl() == null ? null : c.baseUrl().toString();
        return switch (c.provider()) {
            case "openai", "openai-compatible" ->
                OpenAiChatModel.builder()
                        .baseUrl(baseUrl)
                        // Local OpenAI-compatible servers often need no key; the client still wants one.
                        .apiKey(c.apiKey() == null ? "not-needed" : c.apiKey())
                        .modelName(c.model())
                        .temperature(0.0)
                        .timeout(c.timeout())
                        .maxRetries(0)
                        .build();
            case "azure-openai" ->
                OpenAiChatModel.builder()
                        // Azure OpenAI's v1 API speaks the OpenAI protocol with an api-key header; this
                        // avoids the Azure SDK and its Netty/Reactor versions (stack-notes.md 3.7).
                        .baseUrl(baseUrl)
                        .apiKey(c.apiKey())
                        .customHeaders(Map.of("api-key", c.apiKey()))
                        .modelName(c.model())
                        .temperature(0.0)
                        .timeout(c.timeout())
                        .maxRetries(0)
                        .build();
            case "anthropic" ->
                AnthropicChatModel.builder()
                        .baseUrl(baseUrl)
                        .apiKey(c.apiKey())
                        .modelName(c.model())
                        .temperature(0.0)
                        .maxTokens(8192)
                        .timeout(c.timeout())
                        .maxRetries(0)
                        .build();
            case "gemini" ->
                GoogleAiGeminiChatModel.builder()
                        .baseUrl(baseUrl)
                        .apiKey(c.apiKey())
                        .modelName(c.model())
                        .temperature(0.0)
                        .timeout(c.timeout())
                        .maxRetries(0)
                        .build();
            case "ollama" ->
                OllamaChatModel.builder()
                        .baseUrl(baseUrl)
                        .modelName(c.model())
                        .temperature(0.0)
                        .timeout(c.timeout())
                        .maxRetries(0)
                        .build();
            default -> throw new IllegalArgumentException("provider " + c.provider() + " makes no model calls");
        };
    }
}
