package dev.casewright.generation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * @param defaults the operator's model for tenants that configured none ({@code none} = no egress)
 * @param modelTimeout the longest one model call may take
 * @param maxScenarios the most scenarios one generation may ask for
 */
@Validated
@ConfigurationProperties("casewright.generation")
record GenerationProperties(
        @Name("default") @NotNull @DefaultValue Default defaults,
        @NotNull @DefaultValue("PT90S") Duration modelTimeout,
        @Min(1) @Max(50) @DefaultValue("30") int maxScenarios) {

    /** Bound from {@code casewright.generation.default.*}. */
    record Default(
            @NotNull @DefaultValue("none") String provider,
            @Nullable String model,
            @Nullable URI baseUrl,
            @Nullable String apiKey) {}
}
