package dev.casewright.gherkin;

import io.cucumber.messages.types.Background;
import io.cucumber.messages.types.Comment;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.RuleChild;
import io.cucumber.messages.types.StepKeywordType;
import io.cucumber.messages.types.TableCell;
import io.cucumber.messages.types.TableRow;
import io.cucumber.messages.types.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One pass over a parsed Gherkin document: converts it into Casewright's value types and runs the structural
 * checks the lenient Cucumber parser leaves to us.
 */
record Reading(@Nullable Feature feature, List<GherkinError> errors, List<Integer> scenarioLines, int backgroundLine) {

    static final String NO_SCENARIOS = "the Feature has no scenarios";

    private static final Pattern PLACEHOLDER = Pattern.compile("<([^<>]+)>");

    /** The kind of header line a description line follows. */
    private enum Section {
        FEATURE,
        RULE,
        BACKGROUND,
        SCENARIO,
        EXAMPLES
    }

    Reading {
        errors = List.copyOf(errors);
        scenarioLines = List.copyOf(scenarioLines);
    }

    static Reading failed(List<GherkinError> errors) {
        return new Reading(null, errors, List.of(), 0);
    }

    static Reading of(GherkinDocument document, String text) {
        return new Builder(text).read(document);
    }

    private static final class Builder {

        private final String[] lines;
        private final List<GherkinError> errors = new ArrayList<>();
        private final List<Integer> scenarioLines = new ArrayList<>();
        // Lines the parser gave a meaning to; any other non-blank line is description text.
        private final Set<Integer> claimedLines = new HashSet<>();
        private final Map<Integer, Section> headers = new HashMap<>();
        private int backgroundLine;
        private Dialect dialect = Dialect.of(null);

        Builder(String text) {
            this.lines = text.split("\\R", -1);
        }

        Reading read(GherkinDocument document) {
            document.getComments().forEach(this::claim);
            if (document.getFeature().isEmpty()) {
                errors.add(
                        new GherkinError(firstContentLine(), 1, "no Feature: the text must contain a Feature: line"));
                return new Reading(null, errors, scenarioLines, 0);
            }
            io.cucumber.messages.types.Feature source = document.getFeature().get();
            dialect = Dialect.of(source.getLanguage());
            int featureLine = source.getLocation().getLine();
            header(featureLine, Section.FEATURE);
            source.getTags().forEach(this::claim);

            List<Step> background = List.of();
            List<Scenario> scenarios = new ArrayList<>();
            for (FeatureChild child : source.getChildren()) {
                if (child.getBackground().isPresent()) {
                    background = background(child.getBackground().get());
                }
                child.getScenario()
                        .map(scenario -> scenario(scenario, List.of()))
                        .ifPresent(scenarios::add);
                child.getRule().ifPresent(rule -> scenarios.addAll(rule(rule)));
            }
            checkDescriptions();
            if (scenarios.isEmpty()) {
                errors.add(new GherkinError(featureLine, column(featureLine), NO_SCENARIOS));
            }
            errors.sort(Comparator.comparingInt(GherkinError::line).thenComparingInt(GherkinError::column));
            Feature feature = new Feature(source.getName().strip(), source.getLanguage(), background, scenarios);
            return new Reading(feature, errors, scenarioLines, backgroundLine);
        }

        // A Rule has no place in the model; its scenarios join the feature's, each with the Rule's
        // Background steps first, which is how Cucumber runs them.
        private List<Scenario> rule(io.cucumber.messages.types.Rule rule) {
            header(rule.getLocation().getLine(), Section.RULE);
            rule.getTags().forEach(this::claim);
            List<Step> background = List.of();
            List<Scenario> scenarios = new ArrayList<>();
            for (RuleChild child : rule.getChildren()) {
                if (child.getBackground().isPresent()) {
                    background = background(child.getBackground().get());
                }
                List<Step> ruleBackground = background;
                child.getScenario()
                        .map(scenario -> scenario(scenario, ruleBackground))
                        .ifPresent(scenarios::add);
            }
            return scenarios;
        }

        private List<Step> background(Background background) {
            int line = background.getLocation().getLine();
            header(line, Section.BACKGROUND);
            backgroundLine = backgroundLine == 0 ? line : backgroundLine;
            if (background.getSteps().isEmpty()) {
                errors.add(new GherkinError(line, column(line), "the Background has no steps"));
            }
            return steps(background.getSteps());
        }

        private Scenario scenario(io.cucumber.messages.types.Scenario source, List<Step> ruleBackground) {
            int line = source.getLocation().getLine();
            header(line, Section.SCENARIO);
            scenarioLines.add(line);
            source.getTags().forEach(this::claim);
            String title = source.getName().strip();
            String named = title.isEmpty() ? "the scenario" : "scenario '" + title + "'";

            List<Step> steps = new ArrayList<>(ruleBackground);
            steps.addAll(steps(source.getSteps()));
            if (source.getSteps().isEmpty()) {
                errors.add(new GherkinError(line, column(line), named + " has no steps"));
            }

            Examples examples = examples(source, named);
            boolean outline = dialect.scenarioOutlineKeywords().contains(source.getKeyword());
            if (outline && source.getExamples().isEmpty()) {
                errors.add(new GherkinError(line, column(line), named + " is a Scenario Outline without Examples"));
            }
            if (examples != null) {
                checkPlaceholders(source, examples);
            }
            List<String> tags = source.getTags().stream().map(Tag::getName).toList();
            return new Scenario(title, tags, steps, examples);
        }

        private @Nullable Examples examples(io.cucumber.messages.types.Scenario source, String named) {
            List<String> header = null;
            List<List<String>> rows = new ArrayList<>();
            for (io.cucumber.messages.types.Examples examples : source.getExamples()) {
                int line = examples.getLocation().getLine();
                header(line, Section.EXAMPLES);
                examples.getTags().forEach(this::claim);
                if (examples.getTableHeader().isEmpty()) {
                    errors.add(new GherkinError(line, column(line), "the Examples of " + named + " have no table"));
                    continue;
                }
                TableRow headerRow = examples.getTableHeader().get();
                claim(headerRow.getLocation().getLine());
                examples.getTableBody().forEach(row -> claim(row.getLocation().getLine()));
                List<String> names = cells(headerRow);
                if (examples.getTableBody().isEmpty()) {
                    errors.add(new GherkinError(
                            line, column(line), "the Examples of " + named + " have a header but no rows"));
                }
                // The model keeps one Examples table per outline; tables with the same header are one table.
                if (header == null) {
                    header = names;
                } else if (!header.equals(names)) {
                    errors.add(new GherkinError(
                            line,
                            column(line),
                            "the Examples of " + named + " have different headers; use one Examples table"));
                    continue;
                }
                examples.getTableBody().stream().map(Builder::cells).forEach(rows::add);
            }
            return header == null ? null : new Examples(header, rows);
        }

        private void checkPlaceholders(io.cucumber.messages.types.Scenario source, Examples examples) {
            for (io.cucumber.messages.types.Step step : source.getSteps()) {
                Set<String> used = new LinkedHashSet<>(placeholders(step.getText()));
                step.getDataTable()
                        .ifPresent(table -> table.getRows().stream()
                                .flatMap(row -> row.getCells().stream())
                                .forEach(cell -> used.addAll(placeholders(cell.getValue()))));
                step.getDocString().ifPresent(doc -> used.addAll(placeholders(doc.getContent())));
                used.removeAll(examples.header());
                if (!used.isEmpty()) {
                    int line = step.getLocation().getLine();
                    errors.add(new GherkinError(
                            line,
                            column(line),
                            "the step uses "
                                    + String.join(
                                            ", ",
                                            used.stream()
                                                    .map(name -> "<" + name + ">")
                                                    .toList()) + ", which the Examples header does not have"));
                }
            }
        }

        private List<Step> steps(List<io.cucumber.messages.types.Step> source) {
            List<Step> steps = new ArrayList<>();
            for (io.cucumber.messages.types.Step step : source) {
                int line = step.getLocation().getLine();
                claim(line);
                if (step.getText().isBlank()) {
                    errors.add(new GherkinError(
                            line, column(line), "the step '" + step.getKeyword().strip() + "' has no text"));
                }
                StepArgument argument = null;
                if (step.getDataTable().isPresent()) {
                    List<TableRow> rows = step.getDataTable().get().getRows();
                    rows.forEach(row -> claim(row.getLocation().getLine()));
                    argument = new DataTable(rows.stream().map(Builder::cells).toList());
                } else if (step.getDocString().isPresent()) {
                    io.cucumber.messages.types.DocString doc =
                            step.getDocString().get();
                    int open = doc.getLocation().getLine();
                    int contentLines =
                            doc.getContent().isEmpty() ? 0 : doc.getContent().split("\n", -1).length;
                    for (int docLine = open; docLine <= open + contentLines + 1; docLine++) {
                        claim(docLine);
                    }
                    argument =
                            new DocString(doc.getContent(), doc.getMediaType().orElse(null));
                }
                steps.add(new Step(kind(step), step.getText().strip(), argument));
            }
            return steps;
        }

        private Step.Keyword kind(io.cucumber.messages.types.Step step) {
            StepKeywordType type = step.getKeywordType().orElse(StepKeywordType.UNKNOWN);
            return switch (type) {
                case CONTEXT -> Step.Keyword.GIVEN;
                case ACTION -> Step.Keyword.WHEN;
                case OUTCOME -> Step.Keyword.THEN;
                case CONJUNCTION -> dialect.isBut(step.getKeyword()) ? Step.Keyword.BUT : Step.Keyword.AND;
                // "*" and words shared between kinds: the first kind listing the word, else And.
                case UNKNOWN -> dialect.kindOf(step.getKeyword());
            };
        }

        /**
         * Finds what the lenient parser turned into description text although it is structure: another
         * Feature line, a step outside any scenario, or a step keyword with no text.
         */
        private void checkDescriptions() {
            Section section = Section.FEATURE;
            List<String> stepKeywords = dialect.stepKeywords().toList();
            for (int index = 0; index < lines.length; index++) {
                int line = index + 1;
                Section header = headers.get(line);
                if (header != null) {
                    section = header;
                    continue;
                }
                String content = lines[index].strip();
                if (content.isEmpty() || claimedLines.contains(line) || content.startsWith("#")) {
                    continue;
                }
                if (dialect.featureKeywords().stream().anyMatch(keyword -> content.startsWith(keyword + ":"))) {
                    errors.add(new GherkinError(
                            line, column(line), "a second Feature: line; a .feature text holds exactly one Feature"));
                } else if (stepKeywords.stream().anyMatch(keyword -> content.equals(keyword.strip()))) {
                    errors.add(new GherkinError(line, column(line), "the step '" + content + "' has no text"));
                } else if ((section == Section.FEATURE || section == Section.RULE)
                        && stepKeywords.stream().anyMatch(content::startsWith)) {
                    errors.add(new GherkinError(
                            line,
                            column(line),
                            "a step outside any scenario; steps belong under Scenario:, Scenario Outline: or"
                                    + " Background:"));
                }
            }
        }

        private void header(int line, Section section) {
            headers.put(line, section);
            claim(line);
        }

        private void claim(int line) {
            claimedLines.add(line);
        }

        private void claim(Tag tag) {
            claim(tag.getLocation().getLine());
        }

        private void claim(Comment comment) {
            claim(comment.getLocation().getLine());
        }

        private int column(int line) {
            if (line < 1 || line > lines.length) {
                return 1;
            }
            String content = lines[line - 1];
            int column = 0;
            while (column < content.length() && Character.isWhitespace(content.charAt(column))) {
                column++;
            }
            return column + 1;
        }

        private int firstContentLine() {
            for (int index = 0; index < lines.length; index++) {
                String content = lines[index].strip();
                if (!content.isEmpty() && !content.startsWith("#")) {
                    return index + 1;
                }
            }
            return 1;
        }

        private static List<String> cells(TableRow row) {
            return row.getCells().stream().map(TableCell::getValue).toList();
        }

        private static List<String> placeholders(String text) {
            List<String> names = new ArrayList<>();
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }
    }
}
