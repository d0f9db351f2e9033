package dev.casewright.generation;

import java.util.List;

/**
 * The first step of a generation (architecture.md flow 3): the feature name, and the scenarios
 * planned with their titles, techniques and the acceptance criteria they cover. Stateless: the
 * browser holds it and sends it back to the expand step.
 */
public record GenerationPlan(
        String featureName,
        String language,
        List<PlannedScenario> scenarios,
        List<String> openQuestions,
        List<String> warnings,
        String promptVersion) {

    public record PlannedScenario(
            String id, String title, String technique, List<String> acceptanceCriteria, List<String> tags) {}
}
