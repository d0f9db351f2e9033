package dev.casewright.generation;

import dev.casewright.generation.Criterion.Kind;
import dev.casewright.generation.Criterion.Source;
import dev.casewright.generation.GherkinScenarios.Scenario;
import dev.casewright.generation.GherkinScenarios.Step;
import dev.casewright.generation.MarkdownBlocks.Block;
import dev.casewright.generation.MarkdownBlocks.Item;
import dev.casewright.generation.MarkdownBlocks.Type;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds an issue's acceptance criteria in the Markdown of its acceptance-criteria field and
 * description, deterministically and conservatively: it copies what the issue states and never
 * rewrites or invents. Where it looks, first hit wins:
 *
 * <ol>
 *   <li>the acceptance-criteria field, when it holds anything;
 *   <li>"Acceptance criteria" sections of the description (a heading or a line on its own, in
 *       en, de, fr, es, pt or ja);
 *   <li>Given/When/Then scenarios anywhere in the description (paragraphs or code blocks);
 *   <li>a bug's "Expected result" section.
 * </ol>
 *
 * <p>Within the chosen place, each list item is a criterion (nested items appended to their parent
 * with "; "), each data row of a table is one (as "Rule: input → expected" when the last column is
 * an expected result, else "Column: value; …"), and each scenario is one ("Scenario: name — Given
 * …; When …; Then …", keywords as written). Plain paragraphs count, one criterion per sentence, only
 * where the place holds no list, table or scenario: next to those, a paragraph is an introduction
 * ("All amounts in EUR.") rather than a criterion. "Definition of done" sections are not used: they
 * describe the team's process for every issue, not this behaviour.
 *
 * <p>Text that addresses an AI is never a criterion; every such line of either input is reported in
 * {@link AcceptanceCriteria#flaggedInstructions()}. Stateless and safe to share between threads.
 */
final class AcceptanceCriteriaExtractor {

    private static final List<String> CRITERIA_HEADINGS = List.of(
            "acceptance criteria",
            "acceptance criterion",
            "akzeptanzkriterien",
            "abnahmekriterien",
            "critères d'acceptation",
            "criteres d'acceptation",
            "critères d'acceptance",
            "criterios de aceptación",
            "criterios de aceptacion",
            "critérios de aceitação",
            "criterios de aceitacao",
            "critérios de aceite",
            "受け入れ基準",
            "受け入れ条件",
            "受入基準",
            "受入条件");
    private static final List<String> EXPECTED_RESULT_HEADINGS = List.of(
            "expected result",
            "expected behaviour",
            "expected behavior",
            "erwartetes ergebnis",
            "erwartetes verhalten",
            "soll-verhalten",
            "résultat attendu",
            "comportement attendu",
            "resultado esperado",
            "comportamiento esperado",
            "comportamento esperado",
            "期待結果",
            "期待される結果",
            "期待される動作");
    private static final Set<String> CODE_LANGUAGES_WITH_SCENARIOS =
            Set.of("", "gherkin", "cucumber", "feature", "text", "plaintext");
    private static final Pattern INDEX_HEADER = Pattern.compile("#|no\\.?|nr\\.?|n°|№|id|ac|番号");
    private static final Pattern EXPECTED_HEADER = Pattern.compile(
            "(expected|result|outcome|then|erwartet|ergebnis|attendu|résultat|esperado|resultado|期待|結果).*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern EMPTY_CELL = Pattern.compile("[-–—/]?|n/a", Pattern.CASE_INSENSITIVE);
    private static final Pattern TASK_MARKER = Pattern.compile("^\\[[ xX]] ");
    private static final Pattern SENTENCE_BREAK =
            Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{Lt}\\p{N}\"'„“«¿¡(])|(?<=[。！？])\\s*(?=\\S)");
    private static final Pattern ABBREVIATION_END = Pattern.compile(
            "(?i)(?:\\be\\.g|\\bi\\.e|\\betc|\\bvs|\\bz\\. ?b|\\bbzw|\\bca|\\bnr|\\bp\\. ?ex|\\bdr|\\bmr|\\bmrs|\\bms)\\.$");

    /** A criterion before it is numbered. */
    private record Draft(String text, Kind kind, List<String> given, List<String> when, List<String> then) {

        static Draft of(String text, Kind kind) {
            return new Draft(text, kind, List.of(), List.of(), List.of());
        }
    }

    /**
     * @param acceptanceFieldMarkdown the acceptance-criteria field as {@code AdfToMarkdown} writes
     *     it; empty when the field is empty or the site has none
     * @param descriptionMarkdown the description, likewise
     * @param language the language tag ({@code en}, {@code de}, {@code pt-BR}, …); it only
     *     decides how sentences are told apart, since every dialect's keywords are always read
     */
    AcceptanceCriteria extract(
            @Nullable String acceptanceFieldMarkdown, @Nullable String descriptionMarkdown, String language) {
        String field = acceptanceFieldMarkdown == null ? "" : acceptanceFieldMarkdown;
        String description = descriptionMarkdown == null ? "" : descriptionMarkdown;
        List<String> flagged = new ArrayList<>(PromptInjections.find(field));
        PromptInjections.find(description).stream()
                .filter(line -> !flagged.contains(line))
                .forEach(flagged::add);

        List<Block> descriptionBlocks = MarkdownBlocks.parse(description);
        Source source = Source.FIELD;
        List<Draft> drafts = criteriaIn(MarkdownBlocks.parse(field), language);
        if (drafts.isEmpty()) {
            source = Source.SECTION;
            drafts = criteriaIn(sections(descriptionBlocks, CRITERIA_HEADINGS), language);
        }
        if (drafts.isEmpty()) {
            source = Source.GHERKIN;
            drafts = scenariosAnywhere(descriptionBlocks);
        }
        if (drafts.isEmpty()) {
            source = Source.EXPECTED_RESULT;
            drafts = criteriaIn(sections(descriptionBlocks, EXPECTED_RESULT_HEADINGS), language);
        }
        List<Criterion> criteria = new ArrayList<>();
        for (Draft draft : drafts) {
            criteria.add(new Criterion(
                    "AC" + (criteria.size() + 1),
                    draft.text(),
                    source,
                    draft.kind(),
                    draft.given(),
                    draft.when(),
                    draft.then()));
        }
        return new AcceptanceCriteria(criteria, flagged);
    }

    private List<Draft> criteriaIn(List<Block> blocks, String language) {
        boolean structured = blocks.stream()
                .anyMatch(block -> block.type() == Type.LIST || block.type() == Type.TABLE || holdsScenario(block));
        List<Draft> drafts = new ArrayList<>();
        GherkinScenarios gherkin = new GherkinScenarios();
        for (Block block : blocks) {
            List<String> plainLines = block.lines().stream().map(PlainText::of).toList();
            boolean scenarioCode = block.type() == Type.CODE && holdsScenario(block);
            boolean scenarioParagraph = block.type() == Type.PARAGRAPH
                    && (GherkinScenarios.holdsScenario(plainLines) || gherkin.continues(plainLines));
            if (scenarioCode || scenarioParagraph) {
                gherkin.feed(scenarioCode ? block.lines() : plainLines);
                if (scenarioCode) {
                    drafts.addAll(scenarioDrafts(gherkin.finish()));
                }
                continue;
            }
            drafts.addAll(scenarioDrafts(gherkin.finish()));
            switch (block.type()) {
                case LIST -> drafts.addAll(listDrafts(block));
                case TABLE -> drafts.addAll(tableDrafts(block));
                case PARAGRAPH -> {
                    if (!structured) {
                        drafts.addAll(sentenceDrafts(String.join(" ", plainLines), language));
                    }
                }
                default -> {
                    // Headings, quotes (panels: notes and warnings), rules and other code are context.
                }
            }
        }
        drafts.addAll(scenarioDrafts(gherkin.finish()));
        return drafts;
    }

    private static boolean holdsScenario(Block block) {
        return switch (block.type()) {
            case CODE ->
                CODE_LANGUAGES_WITH_SCENARIOS.contains(block.language())
                        && GherkinScenarios.holdsScenario(block.lines());
            case PARAGRAPH ->
                GherkinScenarios.holdsScenario(
                        block.lines().stream().map(PlainText::of).toList());
            default -> false;
        };
    }

    private List<Draft> scenariosAnywhere(List<Block> blocks) {
        List<Block> withScenarios = new ArrayList<>();
        for (Block block : blocks) {
            if (holdsScenario(block)) {
                withScenarios.add(block);
            }
        }
        return criteriaIn(withScenarios, "");
    }

    private static List<Draft> scenarioDrafts(List<Scenario> scenarios) {
        List<Draft> drafts = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            List<String> given = new ArrayList<>();
            List<String> when = new ArrayList<>();
            List<String> then = new ArrayList<>();
            List<String> current = given;
            List<String> written = new ArrayList<>();
            boolean instruction = false;
            for (Step step : scenario.steps()) {
                current = switch (step.type()) {
                    case GIVEN -> given;
                    case WHEN -> when;
                    case THEN -> then;
                    case AND -> current;
                };
                String text = PlainText.of(step.text());
                instruction |= PromptInjections.isInstruction(step.text());
                current.add(text);
                written.add(step.keyword() + (step.keyword().endsWith("'") ? "" : " ") + text);
            }
            String steps = String.join("; ", written);
            if (!scenario.examples().isEmpty()) {
                steps += "; Examples: "
                        + String.join(
                                " | ",
                                scenario.examples().stream()
                                        .map(row -> String.join(
                                                ", ",
                                                row.stream().map(PlainText::of).toList()))
                                        .toList());
            }
            String name = PlainText.of(scenario.name());
            String text = scenario.keyword().isEmpty() ? steps : scenario.keyword() + ": " + name + " — " + steps;
            if (!instruction && !PromptInjections.isInstruction(scenario.name())) {
                drafts.add(new Draft(text, Kind.GIVEN_WHEN_THEN, given, when, then));
            }
        }
        return drafts;
    }

    private static List<Draft> listDrafts(Block list) {
        List<Draft> drafts = new ArrayList<>();
        for (Item item : MarkdownBlocks.items(list)) {
            if (PromptInjections.isInstruction(item.text())) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            parts.add(itemText(item.text()));
            flatten(item.children(), parts);
            String text = String.join(
                    "; ", parts.stream().filter(part -> !part.isEmpty()).toList());
            if (!text.isEmpty()) {
                drafts.add(Draft.of(text, Kind.STATEMENT));
            }
        }
        return drafts;
    }

    private static void flatten(List<Item> items, List<String> into) {
        for (Item item : items) {
            if (!PromptInjections.isInstruction(item.text())) {
                into.add(itemText(item.text()));
                flatten(item.children(), into);
            }
        }
    }

    private static String itemText(String markdown) {
        return PlainText.of(TASK_MARKER.matcher(markdown).replaceFirst(""));
    }

    private static List<Draft> tableDrafts(Block table) {
        List<List<String>> rows = new ArrayList<>();
        boolean headed = false;
        for (int i = 0; i < table.lines().size(); i++) {
            List<String> cells = MarkdownBlocks.cells(table.lines().get(i));
            if (MarkdownBlocks.isSeparatorRow(cells)) {
                headed = i == 1;
                continue;
            }
            rows.add(cells.stream()
                    .map(cell -> PromptInjections.isInstruction(PlainText.of(cell)) ? "" : PlainText.of(cell))
                    .toList());
        }
        List<String> header = headed && !rows.isEmpty() ? rows.remove(0) : List.of();
        if (header.stream().allMatch(String::isEmpty)) {
            header = List.of();
        }
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        List<Integer> kept = new ArrayList<>();
        for (int column = 0; column < columns; column++) {
            if (!isIndexColumn(header, rows, column)) {
                kept.add(column);
            }
        }
        boolean expectedLast = !header.isEmpty()
                && kept.size() >= 2
                && EXPECTED_HEADER
                        .matcher(cell(header, kept.get(kept.size() - 1)))
                        .matches();
        List<Draft> drafts = new ArrayList<>();
        for (List<String> row : rows) {
            String text = expectedLast ? ruleRow(row, kept) : columnRow(header, row, kept);
            if (!text.isEmpty()) {
                drafts.add(Draft.of(text, Kind.TABLE_ROW));
            }
        }
        return drafts;
    }

    /** "Rule: input, input → expected" — the form testers write boundary-value tables in. */
    private static String ruleRow(List<String> row, List<Integer> kept) {
        String label = cell(row, kept.get(0));
        String expected = cell(row, kept.get(kept.size() - 1));
        List<String> inputs = kept.subList(1, kept.size() - 1).stream()
                .map(column -> cell(row, column))
                .filter(value -> !EMPTY_CELL.matcher(value).matches())
                .toList();
        if (kept.size() == 2) {
            return join(label, " → ", expected);
        }
        if (inputs.isEmpty()) {
            return join(label, ": ", expected);
        }
        return join(join(label, ": ", String.join(", ", inputs)), " → ", expected);
    }

    private static String columnRow(List<String> header, List<String> row, List<Integer> kept) {
        List<String> parts = new ArrayList<>();
        for (int column : kept) {
            String value = cell(row, column);
            if (EMPTY_CELL.matcher(value).matches()) {
                continue;
            }
            String name = cell(header, column);
            parts.add(name.isEmpty() ? value : name + ": " + value);
        }
        return String.join("; ", parts);
    }

    private static String join(String left, String separator, String right) {
        if (EMPTY_CELL.matcher(left).matches()) {
            return right;
        }
        return EMPTY_CELL.matcher(right).matches() ? left : left + separator + right;
    }

    private static boolean isIndexColumn(List<String> header, List<List<String>> rows, int column) {
        if (!header.isEmpty()) {
            return INDEX_HEADER
                    .matcher(cell(header, column).toLowerCase(Locale.ROOT))
                    .matches();
        }
        for (int r = 0; r < rows.size(); r++) {
            if (!cell(rows.get(r), column).equals(Integer.toString(r + 1))) {
                return false;
            }
        }
        return !rows.isEmpty();
    }

    private static String cell(List<String> row, int column) {
        return column < row.size() ? row.get(column) : "";
    }

    private static List<Draft> sentenceDrafts(String paragraph, String language) {
        String text = paragraph.strip();
        // A paragraph that ends in a colon introduces what follows; it states nothing itself.
        if (text.isEmpty() || text.endsWith(":") || text.endsWith("：")) {
            return List.of();
        }
        List<Draft> drafts = new ArrayList<>();
        for (String sentence : sentences(text, language)) {
            if (!PromptInjections.isInstruction(sentence)) {
                drafts.add(Draft.of(sentence, Kind.STATEMENT));
            }
        }
        return drafts;
    }

    static List<String> sentences(String text, String language) {
        List<String> sentences = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String piece : SENTENCE_BREAK.split(text)) {
            if (!pending.isEmpty()) {
                pending.append(language.startsWith("ja") ? "" : " ");
            }
            pending.append(piece.strip());
            if (!ABBREVIATION_END.matcher(pending).find()) {
                sentences.add(pending.toString());
                pending.setLength(0);
            }
        }
        if (!pending.isEmpty()) {
            sentences.add(pending.toString());
        }
        return sentences.stream().filter(sentence -> !sentence.isBlank()).toList();
    }

    /**
     * The blocks under every heading (or line of its own, such as {@code **Acceptance criteria:**})
     * whose text is one of the names, up to the next heading of the same or a higher level, the
     * next such line or a horizontal rule.
     */
    private static List<Block> sections(List<Block> blocks, List<String> names) {
        List<Block> section = new ArrayList<>();
        int level = -1;
        for (Block block : blocks) {
            int headingLevel = headingLevel(block);
            if (level >= 0) {
                boolean ends = block.type() == Type.RULE
                        || (headingLevel > 0 && (level == 0 || headingLevel <= level))
                        || (level == 0 && isBoldLine(block));
                if (ends) {
                    level = -1;
                } else {
                    section.add(block);
                    continue;
                }
            }
            if ((headingLevel > 0 || isLabelLine(block)) && isNamed(PlainText.of(block.text()), names)) {
                level = headingLevel > 0 ? headingLevel : 0;
            }
        }
        return section;
    }

    private static int headingLevel(Block block) {
        return block.type() == Type.HEADING ? block.level() : -1;
    }

    /**
     * A short paragraph of one line, all of it bold or ending in a colon: a heading in all but
     * name. Only a bold line ends such a section; a line ending in a colon may introduce a table
     * inside it.
     */
    private static boolean isLabelLine(Block block) {
        if (isBoldLine(block)) {
            return true;
        }
        if (block.type() != Type.PARAGRAPH || block.lines().size() != 1) {
            return false;
        }
        String line = block.lines().get(0).strip();
        return line.length() < 60 && (line.endsWith(":") || line.endsWith("："));
    }

    private static boolean isBoldLine(Block block) {
        return block.type() == Type.PARAGRAPH
                && block.lines().size() == 1
                && block.lines().get(0).strip().matches("\\*\\*[^*]+\\*\\*:?|__[^_]+__:?");
    }

    private static boolean isNamed(String heading, List<String> names) {
        String normalized = Normalizer.normalize(heading, Normalizer.Form.NFC)
                .replace('’', '\'')
                .toLowerCase(Locale.ROOT)
                .replaceAll("[\\s:：]+$", "")
                .strip();
        for (String name : names) {
            if (normalized.equals(name)
                    || (normalized.startsWith(name) && !Character.isLetter(normalized.charAt(name.length())))) {
                return true;
            }
        }
        return false;
    }
}
