package dev.casewright.generation;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * @param defaults the operator's model for tenants that configured none ({@code none} = no egress)
 * @param modelTimeout the longest one model call may take
 * @param maxScenarios the most scenarios one generation may ask for
 * @param modelRetries how often a rate-limited or failing model call is repeated (timeouts never are)
 * @param modelRetryBackoff the first wait before a repeat, doubled for the next, with jitter
 * @param modelRetryMaxWait the longest a user is kept waiting for one repeat: a provider asking for
 *     longer is reported as rate limited at once
 * @param circuitWindow how many recent model calls per tenant and provider the circuit breaker weighs
 * @param circuitMinimumCalls how many calls it needs before it may open
 * @param circuitFailureRate the percentage of failed or timed-out calls that opens it
 * @param circuitOpenFor how long calls pause once it is open
 * @param maxConcurrentPerTenant how many generations one tenant may run at once
 * @param busyRetryAfter what a refused generation is told to wait before trying again
 * @param providerTimeouts per-provider overrides of {@code modelTimeout}, by provider name
 * @param maxConcurrent generations one instance runs at once, all tenants together; 0 = 16 per
 *     processor (the CPU a generation needs, mostly the duplicate check, bounds what helps)
 * @param warmUpEmbeddings whether to load the duplicate check's embedding model in the background
 *     once the application is ready, rather than during the first generation
 */
@Validated
@ConfigurationProperties("casewright.generation")
record GenerationProperties(
        @Name("default") @NotNull @DefaultValue Default defaults,
        @NotNull @DefaultValue("PT90S") Duration modelTimeout,
        @Min(1) @Max(50) @DefaultValue("30") int maxScenarios,
        @Min(0) @Max(2) @DefaultValue("2") int modelRetries,
        @NotNull @DefaultValue("PT1S") Duration modelRetryBackoff,
        @NotNull @DefaultValue("PT20S") Duration modelRetryMaxWait,
        @Min(1) @Max(1000) @DefaultValue("10") int circuitWindow,
        @Min(1) @Max(1000) @DefaultValue("5") int circuitMinimumCalls,

        @DecimalMin("1") @DecimalMax("100") @DefaultValue("50")
        float circuitFailureRate,

        @NotNull @DefaultValue("PT60S") Duration circuitOpenFor,
        @Min(1) @Max(1000) @DefaultValue("4") int maxConcurrentPerTenant,
        @NotNull @DefaultValue("PT15S") Duration busyRetryAfter,
        @Nullable Map<String, Duration> providerTimeouts,
        @DefaultValue("true") boolean warmUpEmbeddings,
        @Min(0) @Max(100_000) @DefaultValue("0") int maxConcurrent) {

    /** Generations one instance may run at once: {@code max-concurrent}, or 16 per processor when 0. */
    int maxConcurrentOnInstance(int processors) {
        return maxConcurrent > 0 ? maxConcurrent : 16 * Math.max(1, processors);
    }

    /**
     * The longest one call to {@code provider} may take: its entry in {@code provider-timeouts}
     * (e.g. a slow self-hosted Ollama, {@code casewright.generation.provider-timeouts.ollama=PT180S}),
     * else {@code model-timeout}.
     */
    Duration timeoutFor(String provider) {
        return providerTimeouts == null ? modelTimeout : providerTimeouts.getOrDefault(provider, modelTimeout);
    }

    /** Bound from {@code casewright.generation.default.*}. */
    record Default(
            @NotNull @DefaultValue("none") String provider,
            @Nullable String model,
            @Nullable URI baseUrl,
            @Nullable String apiKey) {}

    @AssertTrue(message = "circuit-minimum-calls cannot exceed circuit-window")
    boolean isCircuitMinimumWithinWindow() {
        return circuitMinimumCalls <= circuitWindow;
    }

    @AssertTrue(message = "the retry durations and circuit-open-for are positive")
    boolean isEveryWaitPositive() {
        return !modelRetryBackoff.isNegative()
                && !modelRetryBackoff.isZero()
                && !modelRetryMaxWait.isNegative()
                && !circuitOpenFor.isNegative()
                && !circuitOpenFor.isZero()
                && !busyRetryAfter.isNegative()
                && (providerTimeouts == null
                        || providerTimeouts.values().stream()
                                .allMatch(timeout -> timeout != null && !timeout.isNegative() && !timeout.isZero()));
    }
}
