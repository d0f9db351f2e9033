package dev.casewright.generation;

import dev.casewright.tenancy.TenantId;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Model calls on behalf of a tenant, made resilient the way {@code JiraCalls} makes Jira calls: a
 * circuit breaker per tenant, provider and host (one tenant's broken local model must not pause
 * anyone else's calls), and retries only where repeating can help — a rate limit or a provider
 * failure, at most twice, with exponential backoff and jitter. A timeout is never repeated: the
 * user has already waited the whole model timeout once.
 *
 * <p>A provider's wait hint is honoured, capped: a user is waiting, so when the provider asks for
 * longer than {@code model-retry-max-wait} the call fails at once as rate limited. LangChain4j
 * 1.18 does not expose response headers on its exceptions ({@code HttpException} carries only the
 * status code and the body), so the {@code Retry-After} header itself is out of reach; the hints
 * providers put in their error bodies are read instead (OpenAI's "try again in 1.5s", Azure's
 * "retry after 20 seconds", Gemini's {@code RetryInfo.retryDelay}). Anthropic states its wait only
 * in headers, so there the backoff applies.
 */
@Component
class ModelCalls {

    private static final Logger log = LoggerFactory.getLogger(ModelCalls.class);
    private static final String PREFIX = "model-";

    private static final Pattern OPENAI_HINT =
            Pattern.compile("try again in ((?:\\d+(?:\\.\\d+)?(?:ms|h|m|s))+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OPENAI_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final Pattern AZURE_HINT = Pattern.compile("retry after (\\d+) seconds?", Pattern.CASE_INSENSITIVE);
    private static final Pattern GEMINI_HINT = Pattern.compile("\"retryDelay\"\\s*:\\s*\"(\\d+(?:\\.\\d+)?)s\"");

    private final ChatModels models;
    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final GenerationProperties properties;
    private final CircuitBreakerConfig breakerConfig;
    private final RetryConfig retryConfig;

    ModelCalls(
            ChatModels models,
            CircuitBreakerRegistry breakers,
            RetryRegistry retries,
            GenerationProperties properties) {
        this.models = models;
        this.breakers = breakers;
        this.retries = retries;
        this.properties = properties;
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowSize(properties.circuitWindow())
                .minimumNumberOfCalls(properties.circuitMinimumCalls())
                .failureRateThreshold(properties.circuitFailureRate())
                .waitDurationInOpenState(properties.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                // Only the provider's health counts: a rejected key or an unknown model is an answer.
                .recordException(ModelCalls::isProviderFailure)
                .build();
        this.retryConfig = RetryConfig.custom()
                .maxAttempts(properties.modelRetries() + 1)
                .retryOnException(this::isWorthRepeating)
                .intervalBiFunction(
                        (attempt, outcome) -> waitMillis(attempt, outcome.isLeft() ? outcome.getLeft() : null))
                .build();
        retries.getEventPublisher().onEntryAdded(added -> {
            Retry retry = added.getAddedEntry();
            if (retry.getName().startsWith(PREFIX)) {
                retry.getEventPublisher()
                        .onRetry(event -> log.info(
                                "Repeating a model call ({}, attempt {}) in {} ms after {}",
                                event.getName(),
                                event.getNumberOfRetryAttempts() + 1,
                                event.getWaitInterval().toMillis(),
                                describe(event.getLastThrowable())));
            }
        });
    }

    ChatResponse call(TenantId tenant, ModelConnection connection, ChatRequest request) {
        String key = key(tenant, connection);
        CircuitBreaker breaker = breakers.circuitBreaker(key, breakerConfig);
        Supplier<ChatResponse> guarded =
                CircuitBreaker.decorateSupplier(breaker, () -> models.call(connection, request));
        guarded = Retry.decorateSupplier(retries.retry(key, retryConfig), guarded);
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw new ModelCallException(
                    connection.provider(), ModelCallException.Cause.CIRCUIT_OPEN, properties.circuitOpenFor(), e);
        } catch (ModelCallException e) {
            Duration hint = e.reason() == ModelCallException.Cause.RATE_LIMITED ? waitHint(e) : null;
            if (hint != null && e.retryAfter() == null) {
                throw new ModelCallException(e.provider(), e.reason(), hint, e.getCause() == null ? e : e.getCause());
            }
            throw e;
        }
    }

    /** One breaker and one retry state per tenant, provider and host. */
    static String key(TenantId tenant, ModelConnection connection) {
        URI base = connection.baseUrl();
        String host = base == null || base.getHost() == null
                ? "default"
                : base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "");
        return PREFIX + tenant.value() + "-" + connection.provider() + "-" + host.toLowerCase(Locale.ROOT);
    }

    private static boolean isProviderFailure(Throwable e) {
        return e instanceof ModelCallException failure
                && (failure.reason() == ModelCallException.Cause.UNAVAILABLE
                        || failure.reason() == ModelCallException.Cause.TIMED_OUT);
    }

    private boolean isWorthRepeating(Throwable e) {
        if (!(e instanceof ModelCallException failure)) {
            return false;
        }
        return switch (failure.reason()) {
            case UNAVAILABLE -> true;
            case RATE_LIMITED -> {
                Duration hint = waitHint(failure);
                yield hint == null || hint.compareTo(properties.modelRetryMaxWait()) <= 0;
            }
            default -> false;
        };
    }

    /** The provider's own hint when it gave one, else exponential backoff with jitter; capped. */
    long waitMillis(int attempt, @Nullable Throwable failure) {
        long cap = properties.modelRetryMaxWait().toMillis();
        Duration hint = failure == null ? null : waitHint(failure);
        if (hint != null) {
            return Math.min(hint.toMillis(), cap);
        }
        long exponential = properties.modelRetryBackoff().toMillis() << Math.min(Math.max(attempt - 1, 0), 16);
        double jitter = ThreadLocalRandom.current().nextDouble(0.75, 1.25);
        return Math.min(Math.max(1, (long) (exponential * jitter)), cap);
    }

    /** How long the provider asked us to wait, from its error body; null when it did not say. */
    static @Nullable Duration waitHint(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String text = cause.getMessage();
            if (text == null) {
                continue;
            }
            Matcher openAi = OPENAI_HINT.matcher(text);
            if (openAi.find()) {
                return goDuration(openAi.group(1));
            }
            Matcher azure = AZURE_HINT.matcher(text);
            if (azure.find()) {
                return Duration.ofSeconds(Long.parseLong(azure.group(1)));
            }
            Matcher gemini = GEMINI_HINT.matcher(text);
            if (gemini.find()) {
                return millis(new BigDecimal(gemini.group(1)).movePointRight(3));
            }
        }
        return null;
    }

    /** {@code 1m30s}, {@code 1.5s}, {@code 250ms}: how OpenAI writes durations. */
    private static Duration goDuration(String text) {
        BigDecimal millis = BigDecimal.ZERO;
        Matcher part = OPENAI_PART.matcher(text);
        while (part.find()) {
            BigDecimal value = new BigDecimal(part.group(1));
            millis = millis.add(
                    switch (part.group(2)) {
                        case "h" -> value.movePointRight(3).multiply(BigDecimal.valueOf(3600));
                        case "m" -> value.movePointRight(3).multiply(BigDecimal.valueOf(60));
                        case "s" -> value.movePointRight(3);
                        default -> value;
                    });
        }
        return millis(millis);
    }

    private static Duration millis(BigDecimal millis) {
        return Duration.ofMillis(
                millis.setScale(0, java.math.RoundingMode.CEILING).longValueExact());
    }

    private static String describe(@Nullable Throwable e) {
        if (e instanceof ModelCallException failure) {
            return failure.reason().name().toLowerCase(Locale.ROOT);
        }
        return e == null ? "a failure" : e.getClass().getSimpleName();
    }
}
