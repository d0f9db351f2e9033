package dev.casewright.generation;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A model call failed, said in terms an admin can act on; names the provider and the cause,
 * never the key, the prompt or the answer.
 */
class ModelCallException extends RuntimeException {

    enum Cause {
        KEY_REJECTED("the provider rejected the API key"),
        RATE_LIMITED("the provider's rate limit or quota was reached"),
        MODEL_NOT_FOUND("the provider does not know this model"),
        TIMED_OUT("the provider did not answer in time"),
        UNAVAILABLE("the provider failed or is unreachable"),
        REQUEST_REJECTED("the provider refused the request"),
        OUTPUT_UNPARSEABLE("the model's answer could not be read"),
        /** Our circuit breaker, not the provider: it failed or timed out repeatedly for this tenant. */
        CIRCUIT_OPEN("the provider failed repeatedly; calls pause for a while");

        final String text;

        Cause(String text) {
            this.text = text;
        }
    }

    private final String provider;
    private final Cause cause;
    private final @Nullable Duration retryAfter;

    ModelCallException(String provider, Cause cause, Throwable origin) {
        this(provider, cause, null, origin);
    }

    /** @param retryAfter how long to wait before trying again, when that is known */
    ModelCallException(String provider, Cause cause, @Nullable Duration retryAfter, Throwable origin) {
        super(provider + ": " + text(cause, retryAfter), origin);
        this.provider = provider;
        this.cause = cause;
        this.retryAfter = retryAfter;
    }

    private static String text(Cause cause, @Nullable Duration retryAfter) {
        if (retryAfter == null) {
            return cause.text;
        }
        long seconds = seconds(retryAfter);
        return switch (cause) {
            case CIRCUIT_OPEN -> "the provider failed repeatedly; calls pause for " + seconds + " s";
            case RATE_LIMITED -> cause.text + "; it asks to wait " + seconds + " s";
            default -> cause.text;
        };
    }

    /** Whole seconds rounded up, at least one: what a {@code Retry-After} header carries. */
    static long seconds(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() == 0 ? 0 : 1);
        return Math.max(1, seconds);
    }

    String provider() {
        return provider;
    }

    Cause reason() {
        return cause;
    }

    @Nullable
    Duration retryAfter() {
        return retryAfter;
    }
}
