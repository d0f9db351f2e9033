package dev.casewright.gherkin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Identifies a scenario by what it says, not how it is written: the SHA-256 (hex) of a normalized form.
 * Publishing stores these to make re-publishing idempotent.
 *
 * <p>The normalized form keeps the title, the tags (sorted), each step's kind and text, data tables, doc
 * strings and Examples. It drops what does not change a scenario's meaning: the localized keyword words,
 * And/But (each becomes the kind of the step before it), runs of whitespace, padding in table cells and
 * the order of tags. Letter case is kept: "Admin" and "admin" may be different users.
 */
public final class Fingerprints {

    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");
    private static final FeatureParser PARSER = new FeatureParser();

    private Fingerprints() {}

    public static String of(Scenario scenario) {
        return sha256(normalized(scenario));
    }

    /**
     * The fingerprint of one scenario given as text (see {@link FeatureParser#validateScenario}). Text the
     * parser cannot read as a scenario has no fingerprint.
     *
     * @throws IllegalArgumentException when the text is not a scenario
     */
    public static String ofText(String scenarioText, @Nullable String language) {
        ValidationResult result = PARSER.validateScenario(scenarioText, language);
        Scenario scenario = result.scenario();
        if (scenario == null) {
            throw new IllegalArgumentException("not a scenario: " + String.join("; ", result.messages()));
        }
        return of(scenario);
    }

    static String normalized(Scenario scenario) {
        StringBuilder out = new StringBuilder();
        out.append("scenario ").append(collapse(scenario.title())).append('\n');
        out.append("tags");
        scenario.tags().stream().sorted().forEach(tag -> out.append(' ').append(tag));
        out.append('\n');
        Step.Keyword previous = Step.Keyword.GIVEN;
        for (Step step : scenario.steps()) {
            Step.Keyword kind = switch (step.keyword()) {
                case AND, BUT -> previous;
                default -> step.keyword();
            };
            previous = kind;
            out.append(kind).append(' ').append(collapse(step.text())).append('\n');
            StepArgument argument = step.argument();
            if (argument instanceof DataTable table) {
                rows(out, "table", table.rows());
            } else if (argument instanceof DocString doc) {
                out.append("doc ")
                        .append(doc.mediaType() == null ? "" : collapse(doc.mediaType()))
                        .append(' ')
                        .append(collapse(doc.content()))
                        .append('\n');
            }
        }
        Examples examples = scenario.examples();
        if (examples != null) {
            rows(out, "examples", List.of(examples.header()));
            rows(out, "row", examples.rows());
        }
        return out.toString();
    }

    private static void rows(StringBuilder out, String label, List<List<String>> rows) {
        for (List<String> row : rows) {
            out.append(label);
            // Escaped so that a "|" inside a cell cannot make two rows look alike.
            row.forEach(cell ->
                    out.append(" |").append(collapse(cell).replace("\\", "\\\\").replace("|", "\\|")));
            out.append('\n');
        }
    }

    private static String collapse(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
