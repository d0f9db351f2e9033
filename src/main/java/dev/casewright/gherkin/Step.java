package dev.casewright.gherkin;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step: the kind of its keyword (not the localized word), its text, and an optional data table or
 * doc string.
 */
public record Step(Keyword keyword, String text, @Nullable StepArgument argument) {

    /** What a step keyword means, whatever the language it is written in. */
    public enum Keyword {
        GIVEN,
        WHEN,
        THEN,
        AND,
        BUT
    }

    public Step {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(text, "text");
    }

    public Step(Keyword keyword, String text) {
        this(keyword, text, null);
    }

    public static Step given(String text) {
        return new Step(Keyword.GIVEN, text);
    }

    public static Step when(String text) {
        return new Step(Keyword.WHEN, text);
    }

    public static Step then(String text) {
        return new Step(Keyword.THEN, text);
    }

    public static Step and(String text) {
        return new Step(Keyword.AND, text);
    }

    public static Step but(String text) {
        return new Step(Keyword.BUT, text);
    }

    /** This step with a data table; the first row is usually a header. */
    public Step withTable(List<List<String>> rows) {
        return new Step(keyword, text, new DataTable(rows));
    }

    public Step withDocString(String content) {
        return new Step(keyword, text, new DocString(content, null));
    }
}
