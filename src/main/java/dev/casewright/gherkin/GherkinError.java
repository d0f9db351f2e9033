package dev.casewright.gherkin;

/**
 * A problem found in Gherkin text, at a 1-based line and column of that text.
 *
 * <p>{@link #message()} is the bare message; {@link #toString()} prefixes the location the way the Cucumber
 * parser does, for example {@code (5:7): inconsistent cell count within the table}.
 */
public record GherkinError(int line, int column, String message) {

    @Override
    public String toString() {
        return "(" + line + ":" + column + "): " + message;
    }
}
