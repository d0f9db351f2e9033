package dev.casewright.generation;

import dev.casewright.generation.Criterion.Kind;
import dev.casewright.gherkin.Examples;
import dev.casewright.gherkin.Feature;
import dev.casewright.gherkin.FeatureParser;
import dev.casewright.gherkin.FeatureWriter;
import dev.casewright.gherkin.Scenario;
import dev.casewright.gherkin.Step;
import dev.casewright.gherkin.ValidationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The generator of the provider {@code none}: writes scenario skeletons from the acceptance criteria
 * by fixed rules, so that nothing leaves the instance. It copies what the criteria state and invents
 * no behaviour:
 *
 * <ul>
 *   <li>a Given/When/Then criterion becomes one scenario with exactly its steps;
 *   <li>the rows of one table become one Scenario Outline with one Examples row per criterion;
 *   <li>a statement becomes Given/When/Then: in English split at "when", "if" or "once" where the
 *       sentence allows it, otherwise (and in every other language) with the statement verbatim as
 *       the Then and placeholder steps for the user to complete.
 * </ul>
 *
 * <p>Every scenario is tagged {@value #TAG} and checked by the Gherkin parser; an invalid one is kept
 * with its errors. Stateless and safe to share between threads.
 */
@org.springframework.stereotype.Component
final class RuleBasedScenarioWriter {

    static final String GENERATOR = "rule-based";
    static final String TAG = "@rule-based";
    static final int DEFAULT_COUNT = 8;
    static final int MAX_COUNT = 30;
    static final String REVIEW_WARNING =
            "Written by rules from the acceptance criteria, without a model: review and complete the steps.";
    static final String NO_CRITERIA_WARNING = "The issue states no acceptance criteria, so no scenarios were written.";
    static final String NO_CRITERIA_QUESTION = "No acceptance criteria found: what should be tested?";

    static final String TECHNIQUE_AS_WRITTEN = "scenario as written in the issue";
    static final String TECHNIQUE_DECISION_TABLE = "decision table";
    static final String TECHNIQUE_REQUIREMENT = "requirement-based";

    private static final String ENGLISH = "en";
    private static final String ARROW = " → ";
    // A step the user has to write; any language reads it as a gap, unlike an English sentence.
    private static final String TO_COMPLETE = "…";
    private static final String UNKNOWN_CONTEXT = "the system is in the state the criterion describes";
    private static final String RULE = "rule";
    private static final String INPUT = "input";
    private static final String EXPECTED = "expected";

    // "When X, Y" with an optional leading "For Z," that names the context. Only prepositional
    // phrases count as context: "Deletion is refused, if …" must not make the subject a Given. The
    // preposition itself is dropped: "Given a signed-in user", not "Given for a signed-in user".
    private static final Pattern LEADING_CONDITION = Pattern.compile(
            "^(?:(?:for|as|with|on|in|during|given)\\s+([^,;]+),\\s+)?(?:when|if|whenever|once|as soon as|after)\\s+([^,;]+?),\\s+(.+?)[.!]?$",
            Pattern.CASE_INSENSITIVE);
    // "Y when X": the outcome must be one clause, or "…, even when X" would split into nonsense.
    private static final Pattern TRAILING_CONDITION = Pattern.compile(
            "^([^,;]+?)\\s+(?:when|if|whenever|once|as soon as)\\s+([^;]+?)[.!]?$", Pattern.CASE_INSENSITIVE);

    private final FeatureWriter featureWriter = new FeatureWriter();
    private final FeatureParser featureParser = new FeatureParser();

    /** A scenario before it is numbered, written and validated. */
    private record Plan(
            String title,
            String technique,
            List<String> criterionIds,
            List<Step> steps,
            @Nullable Examples examples) {}

    /** A statement split into its parts; {@code context} is null when the statement names none. */
    private record Split(@Nullable String context, String condition, String outcome) {}

    GeneratedSuite write(String featureName, AcceptanceCriteria criteria, String issueLanguage) {
        return write(featureName, criteria, issueLanguage, DEFAULT_COUNT);
    }

    /**
     * @param issueLanguage the issue's language tag ({@code en}, {@code de}, {@code pt-BR}, …); a tag
     *     without Gherkin keywords falls back to English, with a warning
     * @param count the most scenarios to write, between 1 and {@value #MAX_COUNT}; values outside are
     *     brought inside
     */
    GeneratedSuite write(String featureName, AcceptanceCriteria criteria, String issueLanguage, int count) {
        int cap = Math.max(1, Math.min(MAX_COUNT, count));
        List<String> warnings = new ArrayList<>();
        warnings.add(REVIEW_WARNING);
        String language = gherkinLanguage(issueLanguage).orElseGet(() -> {
            warnings.add("Gherkin has no keywords for the language '" + issueLanguage + "': written in English.");
            return ENGLISH;
        });
        if (!criteria.flaggedInstructions().isEmpty()) {
            warnings.add(criteria.flaggedInstructions().size()
                    + " line(s) of the issue read as instructions to an AI and were not used as criteria.");
        }
        if (criteria.isEmpty()) {
            warnings.add(NO_CRITERIA_WARNING);
            return new GeneratedSuite(
                    featureName,
                    language,
                    List.of(),
                    new Coverage(List.of(), 0, 0),
                    List.of(NO_CRITERIA_QUESTION),
                    warnings,
                    GENERATOR);
        }

        List<Plan> plans = plans(criteria.criteria(), language.equals(ENGLISH));
        List<GeneratedScenario> scenarios = new ArrayList<>();
        for (Plan plan : plans.subList(0, Math.min(cap, plans.size()))) {
            scenarios.add(written("S" + (scenarios.size() + 1), plan, language));
        }

        List<CriterionCoverage> coverage = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        for (Criterion criterion : criteria.criteria()) {
            List<String> ids = scenarios.stream()
                    .filter(scenario -> scenario.acceptanceCriteria().contains(criterion.id()))
                    .map(GeneratedScenario::id)
                    .toList();
            coverage.add(new CriterionCoverage(criterion.id(), criterion.text(), ids));
            if (ids.isEmpty()) {
                uncovered.add(criterion.id());
            }
        }
        if (!uncovered.isEmpty()) {
            String reason = plans.size() > cap ? "the suite is capped at " + cap + " scenarios" : "no rule applied";
            warnings.add("Not covered, because " + reason + ": " + String.join(", ", uncovered) + ".");
        }
        int covered = criteria.criteria().size() - uncovered.size();
        return new GeneratedSuite(
                featureName,
                language,
                scenarios,
                new Coverage(coverage, covered, criteria.criteria().size()),
                List.of(),
                warnings,
                GENERATOR);
    }

    private GeneratedScenario written(String id, Plan plan, String language) {
        @Nullable String dialect = language.equals(ENGLISH) ? null : language;
        List<String> tags = List.of(TAG);
        String text;
        try {
            text = featureWriter.write(new Scenario(plan.title(), tags, plan.steps(), plan.examples()), dialect);
        } catch (IllegalArgumentException invalid) {
            return new GeneratedScenario(
                    id,
                    plan.title(),
                    tags,
                    plan.technique(),
                    plan.criterionIds(),
                    "",
                    false,
                    List.of(String.valueOf(invalid.getMessage())));
        }
        ValidationResult validation = featureParser.validateScenario(text, dialect);
        return new GeneratedScenario(
                id,
                plan.title(),
                tags,
                plan.technique(),
                plan.criterionIds(),
                text,
                validation.valid(),
                validation.messages());
    }

    /** The first of the tag, its lower-case form and its primary language that Gherkin has keywords for. */
    private Optional<String> gherkinLanguage(String issueLanguage) {
        String tag = issueLanguage.strip();
        if (tag.isEmpty() || tag.equalsIgnoreCase("auto")) {
            return Optional.of(ENGLISH);
        }
        String lower = tag.toLowerCase(Locale.ROOT);
        String primary = lower.split("[-_]", 2)[0];
        return Stream.of(tag, lower, primary)
                .distinct()
                .filter(this::hasKeywords)
                .findFirst();
    }

    private boolean hasKeywords(String language) {
        try {
            featureWriter.write(new Feature("", language, List.of(), List.of()));
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static List<Plan> plans(List<Criterion> criteria, boolean english) {
        List<Plan> plans = new ArrayList<>();
        int i = 0;
        while (i < criteria.size()) {
            Criterion criterion = criteria.get(i);
            if (criterion.kind() == Kind.TABLE_ROW) {
                int end = i;
                while (end < criteria.size() && criteria.get(end).kind() == Kind.TABLE_ROW) {
                    end++;
                }
                for (List<Criterion> table : tables(criteria.subList(i, end))) {
                    plans.add(outline(table, english));
                }
                i = end;
                continue;
            }
            boolean hasSteps = !(criterion.given().isEmpty()
                    && criterion.when().isEmpty()
                    && criterion.then().isEmpty());
            plans.add(
                    criterion.kind() == Kind.GIVEN_WHEN_THEN && hasSteps
                            ? asWritten(criterion)
                            : statement(criterion, english));
            i++;
        }
        return plans;
    }

    private static Plan asWritten(Criterion criterion) {
        List<Step> steps = new ArrayList<>();
        addSteps(steps, Step.Keyword.GIVEN, criterion.given());
        addSteps(steps, Step.Keyword.WHEN, criterion.when());
        addSteps(steps, Step.Keyword.THEN, criterion.then());
        String name = scenarioName(criterion);
        if (name.isEmpty()) {
            name = Stream.of(criterion.then(), criterion.when(), criterion.given())
                    .filter(texts -> !texts.isEmpty())
                    .map(texts -> texts.get(0))
                    .findFirst()
                    .orElse(criterion.id());
        }
        return new Plan(name, TECHNIQUE_AS_WRITTEN, List.of(criterion.id()), steps, null);
    }

    private static void addSteps(List<Step> steps, Step.Keyword keyword, List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            steps.add(new Step(i == 0 ? keyword : Step.Keyword.AND, texts.get(i)));
        }
    }

    /**
     * The name of a criterion the extractor wrote as "Scenario: name — Given …"; empty for bare
     * steps, which start with a step keyword instead.
     */
    private static String scenarioName(Criterion criterion) {
        String text = criterion.text();
        int dash = text.indexOf(" — ");
        if (dash < 0 || GherkinScenarios.step(text) != null) {
            return "";
        }
        String head = text.substring(0, dash);
        int colon = head.indexOf(':');
        return colon < 0 ? "" : head.substring(colon + 1).strip();
    }

    private static Plan statement(Criterion criterion, boolean english) {
        String title = withoutFinalStop(criterion.text());
        if (!english) {
            return new Plan(
                    title,
                    TECHNIQUE_REQUIREMENT,
                    List.of(criterion.id()),
                    List.of(Step.given(TO_COMPLETE), Step.when(TO_COMPLETE), Step.then(criterion.text())),
                    null);
        }
        Optional<Split> split = split(criterion.text());
        List<Step> steps = split.map(parts -> List.of(
                        Step.given(parts.context() == null ? UNKNOWN_CONTEXT : parts.context()),
                        Step.when(parts.condition()),
                        Step.then(parts.outcome())))
                .orElseGet(() -> List.of(
                        Step.given(UNKNOWN_CONTEXT),
                        Step.when("the behaviour described in " + criterion.id() + " happens"),
                        Step.then(criterion.text())));
        return new Plan(title, TECHNIQUE_REQUIREMENT, List.of(criterion.id()), steps, null);
    }

    /**
     * Splits an English statement at its condition. Statements of several clauses (";") are left
     * whole: which clause a condition belongs to is a guess this class does not make.
     */
    private static Optional<Split> split(String statement) {
        String text = statement.strip();
        if (text.contains(";")) {
            return Optional.empty();
        }
        Matcher leading = LEADING_CONDITION.matcher(text);
        if (leading.matches() && outsideQuotes(text, leading.start(2))) {
            String context = leading.group(1);
            return Optional.of(new Split(
                    context == null ? null : lowerFirst(context.strip()),
                    leading.group(2).strip(),
                    lowerFirst(leading.group(3).strip())));
        }
        Matcher trailing = TRAILING_CONDITION.matcher(text);
        if (trailing.matches() && outsideQuotes(text, trailing.start(2))) {
            return Optional.of(new Split(
                    null,
                    trailing.group(2).strip(),
                    lowerFirst(trailing.group(1).strip())));
        }
        return Optional.empty();
    }

    // A "when" inside a quoted message is part of the message, not a condition.
    private static boolean outsideQuotes(String text, int index) {
        String before = text.substring(0, index);
        long quotes =
                before.chars().filter(c -> c == '"' || c == '“' || c == '”').count();
        return quotes % 2 == 0;
    }

    /** "The page …" becomes "the page …" after a keyword; "SMS …" and "I …" keep their capitals. */
    private static String lowerFirst(String text) {
        int space = text.indexOf(' ');
        String word = space < 0 ? text : text.substring(0, space);
        boolean capitalisedWord = word.length() > 1
                && Character.isUpperCase(word.charAt(0))
                && word.substring(1).chars().allMatch(Character::isLowerCase);
        boolean article = word.equals("A");
        return capitalisedWord || article ? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
    }

    private static String withoutFinalStop(String text) {
        String stripped = text.strip();
        return stripped.endsWith(".") || stripped.endsWith("。")
                ? stripped.substring(0, stripped.length() - 1)
                : stripped;
    }

    /**
     * Splits a run of table rows into the tables they came from. Rules tables ("Rule: input →
     * expected") are one table per run; in "Column: value; …" rows, a row that shares no column with
     * the rows before it starts a new table.
     */
    private static List<List<Criterion>> tables(List<Criterion> rows) {
        if (rows.stream().anyMatch(row -> row.text().contains(ARROW))) {
            return List.of(rows);
        }
        List<List<Criterion>> tables = new ArrayList<>();
        List<Criterion> table = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (Criterion row : rows) {
            List<String> keys = List.copyOf(columnCells(row).keySet());
            if (!table.isEmpty() && keys.stream().noneMatch(columns::contains)) {
                tables.add(table);
                table = new ArrayList<>();
                columns = new ArrayList<>();
            }
            table.add(row);
            columns.addAll(keys);
        }
        tables.add(table);
        return tables;
    }

    private static Plan outline(List<Criterion> rows, boolean english) {
        boolean rules = rows.stream().anyMatch(row -> row.text().contains(ARROW));
        List<Map<String, String>> cells = rows.stream()
                .map(row -> rules ? ruleCells(row) : columnCells(row))
                .toList();
        List<String> header = new ArrayList<>();
        for (Map<String, String> row : cells) {
            row.keySet().stream().filter(key -> !header.contains(key)).forEach(header::add);
        }
        // A rules table whose rows name no inputs would otherwise get an empty column.
        if (rules && cells.stream().allMatch(row -> row.getOrDefault(INPUT, "").isEmpty())) {
            header.remove(INPUT);
        }
        List<List<String>> values = cells.stream()
                .map(row -> header.stream()
                        .map(column -> row.getOrDefault(column, ""))
                        .toList())
                .toList();
        List<Step> steps = rules ? ruleSteps(header, english) : columnSteps(header);
        List<String> ids = rows.stream().map(Criterion::id).toList();
        return new Plan(outlineTitle(ids, english), TECHNIQUE_DECISION_TABLE, ids, steps, new Examples(header, values));
    }

    private static List<Step> ruleSteps(List<String> header, boolean english) {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.given(english ? "the rule <" + RULE + ">" : "<" + RULE + ">"));
        if (header.contains(INPUT)) {
            steps.add(Step.when(english ? "the input is <" + INPUT + ">" : "<" + INPUT + ">"));
        }
        steps.add(Step.then(english ? "the outcome is <" + EXPECTED + ">" : "<" + EXPECTED + ">"));
        return steps;
    }

    // "Column: <Column>" reads the same in every language: the table's own words, no template.
    private static List<Step> columnSteps(List<String> header) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String text = header.get(i) + ": <" + header.get(i) + ">";
            Step.Keyword keyword =
                    i == header.size() - 1 ? Step.Keyword.THEN : i == 0 ? Step.Keyword.GIVEN : Step.Keyword.AND;
            steps.add(new Step(keyword, text));
        }
        return steps;
    }

    private static String outlineTitle(List<String> ids, boolean english) {
        String first = ids.get(0);
        String last = ids.get(ids.size() - 1);
        if (english) {
            return ids.size() == 1 ? "Table row " + first : "Table rows " + first + " to " + last;
        }
        return ids.size() == 1 ? first : first + "–" + last;
    }

    /** "Label: input → expected", "Label → expected" or "Label: expected", as the extractor writes rule rows. */
    private static Map<String, String> ruleCells(Criterion row) {
        String text = row.text();
        int arrow = text.indexOf(ARROW);
        String left = arrow < 0 ? text : text.substring(0, arrow);
        String right = arrow < 0 ? "" : text.substring(arrow + ARROW.length());
        int colon = left.indexOf(": ");
        Map<String, String> cells = new LinkedHashMap<>();
        if (colon < 0) {
            cells.put(RULE, left.strip());
            cells.put(INPUT, "");
            cells.put(EXPECTED, right.strip());
        } else if (arrow < 0) {
            cells.put(RULE, left.substring(0, colon).strip());
            cells.put(INPUT, "");
            cells.put(EXPECTED, left.substring(colon + 2).strip());
        } else {
            cells.put(RULE, left.substring(0, colon).strip());
            cells.put(INPUT, left.substring(colon + 2).strip());
            cells.put(EXPECTED, right.strip());
        }
        return cells;
    }

    /** "Column: value; Column: value", as the extractor writes rows of a table with a header. */
    private static Map<String, String> columnCells(Criterion row) {
        Map<String, String> cells = new LinkedHashMap<>();
        String[] parts = row.text().split("; ");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int colon = part.indexOf(": ");
            // Placeholders end at ">", so a column name must not hold one.
            String named = colon < 0
                    ? ""
                    : part.substring(0, colon).replace("<", "").replace(">", "").strip();
            String key = named.isEmpty() ? "column " + (i + 1) : named;
            String value = colon < 0 ? part : part.substring(colon + 2);
            String unique = key;
            for (int n = 2; cells.containsKey(unique); n++) {
                unique = key + " " + n;
            }
            cells.put(unique, value.strip());
        }
        return cells;
    }
}
