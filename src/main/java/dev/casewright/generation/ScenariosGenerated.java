package dev.casewright.generation;

import dev.casewright.tenancy.TenantId;
import java.time.Duration;

/**
 * A one-shot generation finished (architecture.md: modules talk by past-tense events). Counts
 * and names only — never the issue, the prompt or a scenario.
 *
 * @param generator {@code model} or {@code rule-based}
 */
public record ScenariosGenerated(
        TenantId tenant,
        String generator,
        String provider,
        String model,
        int scenarios,
        int validScenarios,
        int criteriaCovered,
        int criteriaTotal,
        long inputTokens,
        long outputTokens,
        Duration duration) {}
