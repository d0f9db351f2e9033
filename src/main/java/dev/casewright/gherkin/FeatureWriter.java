package dev.casewright.gherkin;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes features and scenarios as canonical {@code .feature} text: a {@code # language:} header when the
 * language is not English, the dialect's own keywords, two spaces per level, tags on their own line, data
 * tables with aligned columns, doc strings between {@code """}.
 *
 * <p>What it writes, {@link FeatureParser} reads back into an equal value. Stateless and thread-safe.
 */
public final class FeatureWriter {

    private static final String INDENT = "  ";

    /** The whole feature, ending with a newline. */
    public String write(Feature feature) {
        Dialect dialect = Dialect.of(feature.language());
        StringBuilder out = new StringBuilder();
        if (!dialect.isDefault()) {
            out.append("# language: ").append(dialect.language()).append('\n');
        }
        out.append(dialect.feature())
                .append(": ")
                .append(oneLine(feature.name()))
                .append('\n');
        if (!feature.background().isEmpty()) {
            out.append('\n').append(INDENT).append(dialect.background()).append(":\n");
            steps(out, feature.background(), dialect, 2);
        }
        for (Scenario scenario : feature.scenarios()) {
            out.append('\n');
            scenario(out, scenario, dialect, 1);
        }
        return out.toString();
    }

    /**
     * One scenario on its own, starting at its tags or its {@code Scenario:} line, in the given language
     * ({@code null} for English) and without a {@code # language:} header: the form the generation result
     * shows and {@link FeatureParser#validateScenario(String, String)} reads.
     */
    public String write(Scenario scenario, @Nullable String language) {
        StringBuilder out = new StringBuilder();
        scenario(out, scenario, Dialect.of(language), 0);
        return out.toString();
    }

    private static void scenario(StringBuilder out, Scenario scenario, Dialect dialect, int level) {
        if (!scenario.tags().isEmpty()) {
            indent(out, level).append(String.join(" ", scenario.tags())).append('\n');
        }
        String keyword = scenario.isOutline() ? dialect.scenarioOutline() : dialect.scenario();
        indent(out, level).append(keyword).append(':');
        if (!scenario.title().isBlank()) {
            out.append(' ').append(oneLine(scenario.title()));
        }
        out.append('\n');
        steps(out, scenario.steps(), dialect, level + 1);
        Examples examples = scenario.examples();
        if (examples != null) {
            out.append('\n');
            indent(out, level + 1).append(dialect.examples()).append(":\n");
            List<List<String>> rows = new ArrayList<>();
            rows.add(examples.header());
            rows.addAll(examples.rows());
            table(out, rows, level + 2);
        }
    }

    private static void steps(StringBuilder out, List<Step> steps, Dialect dialect, int level) {
        for (Step step : steps) {
            indent(out, level)
                    .append(dialect.step(step.keyword()))
                    .append(oneLine(step.text()))
                    .append('\n');
            StepArgument argument = step.argument();
            if (argument instanceof DataTable table) {
                table(out, table.rows(), level + 1);
            } else if (argument instanceof DocString doc) {
                docString(out, doc, level + 1);
            }
        }
    }

    private static void table(StringBuilder out, List<List<String>> rows, int level) {
        List<List<String>> escaped = rows.stream()
                .map(row -> row.stream().map(FeatureWriter::cell).toList())
                .toList();
        int columns = escaped.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : escaped) {
            for (int column = 0; column < columns; column++) {
                widths[column] = Math.max(widths[column], width(row.get(column)));
            }
        }
        for (List<String> row : escaped) {
            indent(out, level).append('|');
            for (int column = 0; column < columns; column++) {
                String cell = row.get(column);
                out.append(' ')
                        .append(cell)
                        .append(" ".repeat(widths[column] - width(cell)))
                        .append(" |");
            }
            out.append('\n');
        }
    }

    private static void docString(StringBuilder out, DocString doc, int level) {
        // The parser reads \"\"\" inside """ as an escape; a content that holds either form is fenced with
        // ``` instead, which the parser leaves alone. Only content holding both fences needs escaping.
        String quotes = "\"\"\"";
        String escapedQuotes = "\\\"\\\"\\\"";
        boolean needsOtherFence =
                doc.content().contains(quotes) || doc.content().contains(escapedQuotes);
        boolean canUseBackticks =
                !doc.content().contains("```") && !doc.content().contains("\\`\\`\\`");
        String delimiter = needsOtherFence && canUseBackticks ? "```" : quotes;
        String content = delimiter.equals(quotes) ? doc.content().replace(quotes, escapedQuotes) : doc.content();
        indent(out, level).append(delimiter);
        if (doc.mediaType() != null) {
            out.append(doc.mediaType());
        }
        out.append('\n');
        if (!content.isEmpty()) {
            for (String line : content.split("\n", -1)) {
                if (!line.isEmpty()) {
                    indent(out, level).append(line);
                }
                out.append('\n');
            }
        }
        indent(out, level).append(delimiter).append('\n');
    }

    // The parser trims cells and reads \|, \\ and \n as escapes.
    private static String cell(String value) {
        return value.strip().replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n");
    }

    // A title or step text spans one line; a line break would start a new (wrong) element.
    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    private static StringBuilder indent(StringBuilder out, int level) {
        return out.append(INDENT.repeat(level));
    }
}
