package dev.casewright.generation;

import java.util.List;

/**
 * What a generation returns (architecture.md, "Generation result"): the suite, what it covers,
 * near-duplicates, what the user should know, what was sent and what it cost.
 *
 * @param feature the whole {@code .feature} text of the valid scenarios, with the {@code #
 *     language:} header when not English; invalid scenarios are listed in {@code scenarios} only
 * @param generator {@code model} or {@code rule-based}
 * @param promptVersion the prompt templates' version ({@code v1}); empty for the rule-based writer
 */
public record GenerationResult(
        String featureName,
        String language,
        String feature,
        List<GeneratedScenario> scenarios,
        Coverage coverage,
        List<DuplicatePair> duplicates,
        List<String> openQuestions,
        List<String> warnings,
        ContextManifest manifest,
        Usage usage,
        String generator,
        String promptVersion) {

    public GenerationResult {
        scenarios = List.copyOf(scenarios);
        duplicates = List.copyOf(duplicates);
        openQuestions = List.copyOf(openQuestions);
        warnings = List.copyOf(warnings);
    }

    /** What the model calls of this generation cost, as the providers reported it. */
    public record Usage(String provider, String model, long inputTokens, long outputTokens, int calls) {}
}
