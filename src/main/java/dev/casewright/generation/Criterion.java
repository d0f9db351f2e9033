package dev.casewright.generation;

import java.util.List;

/**
 * One acceptance criterion of an issue, numbered {@code AC1..n} in the order it appears, so that
 * the prompt, the coverage check and the rule-based generator all speak of the same criterion.
 *
 * @param id {@code AC1}, {@code AC2}, … in document order
 * @param text one line, in the language, without Markdown formatting
 * @param given for {@link Kind#GIVEN_WHEN_THEN}: the texts of the Given steps (an And or But step
 *     belongs to the step kind before it), without keywords; empty otherwise
 * @param when the When steps, as for {@code given}
 * @param then the Then steps, as for {@code given}
 */
record Criterion(
        String id, String text, Source source, Kind kind, List<String> given, List<String> when, List<String> then) {

    /** Where in the issue the criterion was found. */
    enum Source {
        /** The acceptance-criteria field. */
        FIELD,
        /** An "Acceptance criteria" heading (or bold line) of the description. */
        SECTION,
        /** Given/When/Then steps elsewhere in the description. */
        GHERKIN,
        /** The "Expected result" section of a bug report. */
        EXPECTED_RESULT
    }

    /** The shape the criterion had in the issue, which decides how a skeleton is built from it. */
    enum Kind {
        /** A list item or a sentence. */
        STATEMENT,
        /** A scenario with steps; {@link #given()}, {@link #when()} and {@link #then()} hold them. */
        GIVEN_WHEN_THEN,
        /** A data row of a rules or examples table, written as one line. */
        TABLE_ROW
    }

    Criterion {
        given = List.copyOf(given);
        when = List.copyOf(when);
        then = List.copyOf(then);
    }

    static Criterion statement(String id, String text, Source source) {
        return new Criterion(id, text, source, Kind.STATEMENT, List.of(), List.of(), List.of());
    }

    static Criterion tableRow(String id, String text, Source source) {
        return new Criterion(id, text, source, Kind.TABLE_ROW, List.of(), List.of(), List.of());
    }
}
