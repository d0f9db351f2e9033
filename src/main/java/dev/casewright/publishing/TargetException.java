package dev.casewright.publishing;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A target refused or failed a call, said so a user can act on it. The message names the target
 * and the cause and never holds a credential or the scenario's text.
 */
public class TargetException extends RuntimeException {

    public enum Kind {
        /** The target rejected the tenant's credentials (401). */
        CREDENTIALS_REJECTED,
        /** The credentials are fine but lack a permission (403). */
        PERMISSION_DENIED,
        /** The target's credentials are not configured for this site. */
        NOT_CONFIGURED,
        /** The request was too large for the target (413). */
        TOO_LARGE,
        /** The target asked us to slow down (429); see {@link #retryAfter()}. */
        RATE_LIMITED,
        /** The target failed (5xx) or could not be reached before anything was sent. */
        UNAVAILABLE,
        /** The target refused the content (400/409/422 or a 200 that carries errors). */
        REJECTED,
        /** The call was sent but no answer came: the test may or may not exist now. */
        OUTCOME_UNKNOWN
    }

    private final String target;
    private final Kind kind;
    private final @Nullable Duration retryAfter;

    public TargetException(
            String target, Kind kind, String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, cause);
        this.target = target;
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public TargetException(String target, Kind kind, String message) {
        this(target, kind, message, null, null);
    }

    public String target() {
        return target;
    }

    public Kind kind() {
        return kind;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
