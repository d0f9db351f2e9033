package dev.casewright.jira;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How we treat a tenant's Jira (external-apis-jira-xray-zephyr.md A.12 and D): Atlassian's
 * reference retry loop, a circuit breaker per site, and the field that holds acceptance criteria.
 *
 * @param maxAttempts attempts for an idempotent call (GET, PUT), the first included
 * @param initialBackoff wait before the second attempt when Jira sends no {@code Retry-After}
 * @param maxBackoff cap on any single wait, including a {@code Retry-After}
 * @param circuitFailureRate percentage of failed calls (of the last window) that opens a site's breaker
 * @param circuitWindow calls the failure rate is computed over
 * @param circuitOpenFor how long an open breaker refuses calls before it lets a few through
 * @param acceptanceCriteriaField the display name of the custom field with acceptance criteria
 */
@Validated
@ConfigurationProperties("casewright.jira")
record JiraProperties(
        @Min(1) @Max(6) @DefaultValue("4") int maxAttempts,
        @NotNull @DefaultValue("PT5S") Duration initialBackoff,
        @NotNull @DefaultValue("PT30S") Duration maxBackoff,
        @Min(1) @Max(100) @DefaultValue("50") int circuitFailureRate,
        @Min(2) @DefaultValue("20") int circuitWindow,
        @NotNull @DefaultValue("PT30S") Duration circuitOpenFor,
        @NotNull @DefaultValue("Acceptance Criteria") String acceptanceCriteriaField) {}
