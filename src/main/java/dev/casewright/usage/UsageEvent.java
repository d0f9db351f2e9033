package dev.casewright.usage;

import dev.casewright.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one model call or publication cost and how it ended. Names and counts only: there is no
 * field a text could go into.
 *
 * @param operation what was done, e.g. {@code generate.plan}, {@code generate.expand}, {@code publish}
 * @param outcome a stable code, e.g. {@code ok}, {@code invalid-output}, {@code provider-timeout}
 */
public record UsageEvent(
        TenantId tenant,
        Instant occurredAt,
        String operation,
        @Nullable String provider,
        @Nullable String model,
        @Nullable String templateVersion,
        long inputTokens,
        long outputTokens,
        Duration duration,
        String outcome,
        int scenarios,
        int redactions,
        int attachments) {

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    public UsageEvent {
        // Codes, not prose: a free-text field here could carry content by accident.
        if (!CODE.matcher(operation).matches() || !CODE.matcher(outcome).matches()) {
            throw new IllegalArgumentException("operation and outcome are short lower-case codes");
        }
        if (provider != null && !CODE.matcher(provider).matches()) {
            throw new IllegalArgumentException("provider is a short lower-case code");
        }
        if (model != null && model.length() > 128) {
            throw new IllegalArgumentException("model names have at most 128 characters");
        }
        if (inputTokens < 0 || outputTokens < 0 || scenarios < 0 || redactions < 0 || attachments < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
    }
}
