package dev.casewright.jira;

import dev.casewright.tenancy.TenantId;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every call into Jira goes through here: a circuit breaker per tenant site (one broken site must
 * not slow the others), retries for idempotent calls only (GET, PUT) following Atlassian's
 * reference loop — {@code Retry-After} first, else exponential backoff with jitter, capped — and
 * the translation of HTTP failures into {@link JiraException}s a user can act on.
 */
@Component
class JiraCalls {

    private static final Logger log = LoggerFactory.getLogger(JiraCalls.class);

    private final CircuitBreakerRegistry breakers;
    private final CircuitBreakerConfig breakerConfig;
    private final JiraProperties properties;
    private final JsonMapper json;

    JiraCalls(CircuitBreakerRegistry breakers, JiraProperties properties, JsonMapper json) {
        this.breakers = breakers;
        this.properties = properties;
        this.json = json;
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowSize(properties.circuitWindow())
                .minimumNumberOfCalls(Math.min(10, properties.circuitWindow()))
                .failureRateThreshold(properties.circuitFailureRate())
                .waitDurationInOpenState(properties.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                // Only the site's health counts: a 404 or 403 is an answer, not a failure.
                .recordException(JiraCalls::isSiteFailure)
                .build();
    }

    /**
     * @param what what is being done, for messages ("issue SHOP-1")
     * @param idempotent whether repeating the call is harmless (GET, PUT); others are never retried
     */
    <T> T call(TenantId tenant, String what, boolean idempotent, Supplier<T> call) {
        CircuitBreaker breaker = breakers.circuitBreaker("jira-" + tenant.value(), breakerConfig);
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker, call);
        if (idempotent && properties.maxAttempts() > 1) {
            guarded = Retry.decorateSupplier(retry(tenant), guarded);
        }
        try {
            return guarded.get();
        } catch (JiraException e) {
            throw e;
        } catch (CallNotPermittedException e) {
            throw new JiraException.Unavailable("too many recent failures on this site", e);
        } catch (RestClientResponseException e) {
            throw translate(e, what);
        } catch (ResourceAccessException e) {
            throw new JiraException.Unavailable("no answer in time", e, mayHaveBeenSent(e));
        } catch (RestClientException e) {
            throw new JiraException.Unavailable("an answer we could not read", e);
        }
    }

    private Retry retry(TenantId tenant) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(properties.maxAttempts())
                .retryOnException(JiraCalls::isRetriable)
                .intervalBiFunction(
                        (attempt, outcome) -> waitMillis(attempt, outcome.isLeft() ? outcome.getLeft() : null))
                .build();
        Retry retry = Retry.of("jira-" + tenant.value(), config);
        retry.getEventPublisher()
                .onRetry(event -> log.info(
                        "Retrying a Jira call for tenant {} (attempt {}) after {}",
                        tenant,
                        event.getNumberOfRetryAttempts() + 1,
                        describe(event.getLastThrowable())));
        return retry;
    }

    long waitMillis(int attempt, @Nullable Throwable failure) {
        long cap = properties.maxBackoff().toMillis();
        Duration retryAfter = failure instanceof RestClientResponseException response ? retryAfter(response) : null;
        if (retryAfter != null) {
            return Math.min(retryAfter.toMillis(), cap);
        }
        long exponential = properties.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
        double jitter = ThreadLocalRandom.current().nextDouble(0.7, 1.3);
        return Math.min((long) (exponential * jitter), cap);
    }

    /**
     * Whether the request may have reached Jira: only a failure to connect proves it did not. A read
     * timeout or a connection dropped mid-answer leaves a create's outcome unknown.
     */
    static boolean mayHaveBeenSent(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof HttpConnectTimeoutException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRetriable(Throwable e) {
        if (e instanceof RestClientResponseException response) {
            int status = response.getStatusCode().value();
            return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
        }
        return e instanceof ResourceAccessException;
    }

    private static boolean isSiteFailure(Throwable e) {
        if (e instanceof RestClientResponseException response) {
            return response.getStatusCode().is5xxServerError();
        }
        return e instanceof ResourceAccessException;
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
    static @Nullable Duration retryAfter(RestClientResponseException response) {
        var headers = response.getResponseHeaders();
        String value = headers == null ? null : headers.getFirst("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                var when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private JiraException translate(RestClientResponseException e, String what) {
        int status = e.getStatusCode().value();
        if (status == HttpStatus.NOT_FOUND.value()) {
            return new JiraException.IssueNotFound(what);
        }
        if (status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.FORBIDDEN.value()) {
            return new JiraException.PermissionDenied(what, status);
        }
        if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
            Duration retryAfter = retryAfter(e);
            return new JiraException.RateLimited(retryAfter == null ? properties.maxBackoff() : retryAfter, e);
        }
        if (status == 400 || status == 409 || status == 413 || status == 422) {
            return rejected(status, e.getResponseBodyAsString());
        }
        return new JiraException.Unavailable("HTTP " + status, e);
    }

    /** Jira's error body: {@code {"errorMessages":[...],"errors":{"field":"message"}}}. */
    private JiraException rejected(int status, String body) {
        List<String> messages = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            JsonNode errors = json.readTree(body);
            errors.path("errorMessages").forEach(message -> messages.add(limit(message.asString(""))));
            errors.path("errors")
                    .properties()
                    .forEach(field ->
                            fields.put(field.getKey(), limit(field.getValue().asString(""))));
        } catch (RuntimeException unreadable) {
            // Not Jira's error shape: the status alone has to do.
        }
        return new JiraException.Rejected(status, messages, fields);
    }

    private static String limit(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String describe(@Nullable Throwable e) {
        if (e instanceof RestClientResponseException response) {
            return "HTTP " + response.getStatusCode().value();
        }
        return e == null ? "a failure" : e.getClass().getSimpleName();
    }
}
