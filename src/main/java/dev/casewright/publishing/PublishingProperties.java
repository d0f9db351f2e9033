package dev.casewright.publishing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of one publication request.
 *
 * @param maxScenarios scenarios per request; Jira's bulk create takes 50, and one request writes
 *     the story's property after each create, so a larger suite goes in several requests
 * @param maxGherkinCharacters characters of one scenario's Gherkin; a scenario that does not fit
 *     a Jira description (32,767) still publishes, as an attached {@code .feature}
 */
@Validated
@ConfigurationProperties("casewright.publishing")
record PublishingProperties(
        @Min(1) @Max(200) @DefaultValue("50") int maxScenarios,
        @Min(100) @Max(200_000) @DefaultValue("40000") int maxGherkinCharacters) {}
