package dev.casewright.generation;

import java.util.List;

/**
 * One scenario of a generation result, as the panel shows it and the user keeps or drops it.
 *
 * @param id {@code S1}, {@code S2}, … in the order of the suite
 * @param tags each starting with {@code @}
 * @param technique the test design technique the scenario follows, in words
 * @param acceptanceCriteria the ids ({@code AC1}, …) of the criteria the scenario covers
 * @param gherkin the scenario's text, from its tags or {@code Scenario:} line, in the suite's language
 * @param valid whether the Gherkin parser accepted {@code gherkin}; an invalid scenario is kept and
 *     shown with its errors rather than dropped
 * @param errors the parser's findings, {@code "(line:column): message"}; empty when valid
 */
public record GeneratedScenario(
        String id,
        String title,
        List<String> tags,
        String technique,
        List<String> acceptanceCriteria,
        String gherkin,
        boolean valid,
        List<String> errors) {

    public GeneratedScenario {
        tags = List.copyOf(tags);
        acceptanceCriteria = List.copyOf(acceptanceCriteria);
        errors = List.copyOf(errors);
    }
}
