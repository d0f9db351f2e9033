package dev.casewright.generation;

import java.util.List;

/** One acceptance criterion and the ids of the scenarios ({@code S1}, …) that cover it; empty when none does. */
public record CriterionCoverage(String id, String text, List<String> scenarioIds) {

    public CriterionCoverage {
        scenarioIds = List.copyOf(scenarioIds);
    }
}
