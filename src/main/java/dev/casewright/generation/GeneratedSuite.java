package dev.casewright.generation;

import java.util.List;

/**
 * The result of a generation: the scenarios for one issue, what they cover, and what the user should
 * know before keeping them.
 *
 * @param featureName the name of the feature the scenarios belong to
 * @param language the Gherkin language the scenarios are written in ({@code en}, {@code de}, {@code pt}, …)
 * @param openQuestions questions the issue leaves open, for the user to answer before testing
 * @param warnings what the user should check: criteria left uncovered, how the scenarios were written
 * @param generator what wrote the scenarios: {@code rule-based} for the no-egress provider {@code none}
 */
public record GeneratedSuite(
        String featureName,
        String language,
        List<GeneratedScenario> scenarios,
        Coverage coverage,
        List<String> openQuestions,
        List<String> warnings,
        String generator) {

    public GeneratedSuite {
        scenarios = List.copyOf(scenarios);
        openQuestions = List.copyOf(openQuestions);
        warnings = List.copyOf(warnings);
    }
}
