package dev.casewright.generation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads Given/When/Then scenarios out of lines of plain text, with the keywords of the Gherkin
 * dialects of the languages our issues come in (en, de, fr, es, pt, ja — taken from Cucumber's
 * {@code gherkin-languages.json}). Keywords are matched case-sensitively, as Cucumber does, so a
 * sentence that merely starts with "when" is not a step.
 *
 * <p>Stateful: lines are fed block by block, so a scenario whose title and steps sit in separate
 * paragraphs stays one scenario; {@link #finish()} returns what was read and starts over.
 */
final class GherkinScenarios {

    enum StepType {
        GIVEN,
        WHEN,
        THEN,
        AND
    }

    record Step(String keyword, StepType type, String text) {}

    /** A scenario as read: its keyword and name (both empty for bare steps), steps and examples. */
    record Scenario(String keyword, String name, List<Step> steps, List<List<String>> examples) {}

    private static final List<String> FEATURE = List.of(
            "Feature",
            "Business Need",
            "Ability",
            "Funktionalität",
            "Funktion",
            "Fonctionnalité",
            "Característica",
            "Necesidad del negocio",
            "Funcionalidade",
            "フィーチャ",
            "機能");
    private static final List<String> BACKGROUND = List.of(
            "Background",
            "Grundlage",
            "Hintergrund",
            "Voraussetzungen",
            "Contexte",
            "Antecedentes",
            "Contexto",
            "Cenário de Fundo",
            "Cenario de Fundo",
            "Fundo",
            "背景");
    private static final List<String> SCENARIO = List.of(
            "Scenario Outline",
            "Scenario Template",
            "Scenario",
            "Example",
            "Szenariogrundriss",
            "Szenarien",
            "Szenario",
            "Beispiel",
            "Plan du scénario",
            "Plan du Scénario",
            "Scénario",
            "Exemple",
            "Esquema del escenario",
            "Escenario",
            "Ejemplo",
            "Esquema do Cenário",
            "Esquema do Cenario",
            "Delineação do Cenário",
            "Cenário",
            "Cenario",
            "Exemplo",
            "シナリオアウトライン",
            "シナリオテンプレート",
            "シナリオ");
    private static final List<String> EXAMPLES = List.of(
            "Examples",
            "Scenarios",
            "Beispiele",
            "Exemples",
            "Ejemplos",
            "Exemplos",
            "Cenários",
            "Cenarios",
            "例",
            "サンプル");
    private static final Map<StepType, List<String>> STEPS = Map.of(
            StepType.GIVEN,
            List.of(
                    "Given",
                    "Angenommen",
                    "Gegeben seien",
                    "Gegeben sei",
                    "Étant donné que",
                    "Étant donné qu'",
                    "Étant données",
                    "Étant donnés",
                    "Étant donnée",
                    "Étant donné",
                    "Etant donné que",
                    "Etant donné",
                    "Sachant que",
                    "Sachant qu'",
                    "Sachant",
                    "Soit",
                    "Dado",
                    "Dada",
                    "Dados",
                    "Dadas",
                    "前提"),
            StepType.WHEN,
            List.of("When", "Wenn", "Quand", "Lorsque", "Lorsqu'", "Cuando", "Quando", "もし"),
            StepType.THEN,
            List.of("Then", "Dann", "Alors", "Donc", "Entonces", "Então", "Entao", "ならば"),
            StepType.AND,
            List.of(
                    "And",
                    "But",
                    "Und",
                    "Aber",
                    "Et que",
                    "Et qu'",
                    "Et",
                    "Mais que",
                    "Mais qu'",
                    "Mais",
                    "Y",
                    "E",
                    "Pero",
                    "Mas",
                    "かつ",
                    "しかし",
                    "但し",
                    "ただし",
                    "*"));
    /** Longest first, so "Gegeben seien" wins over "Gegeben sei" and "Et que" over "Et". */
    private static final List<Map.Entry<String, StepType>> STEP_KEYWORDS = STEPS.entrySet().stream()
            .flatMap(entry -> entry.getValue().stream().map(keyword -> Map.entry(keyword, entry.getKey())))
            .sorted(Comparator.comparing(
                            (Map.Entry<String, StepType> e) -> e.getKey().length())
                    .reversed())
            .toList();

    private final List<Scenario> scenarios = new ArrayList<>();
    private final List<Step> background = new ArrayList<>();
    private boolean inBackground;
    private boolean inExamples;
    private boolean inDocString;
    private @Nullable String keyword;
    private String name = "";
    private List<Step> steps = new ArrayList<>();
    private List<List<String>> examples = new ArrayList<>();

    /** Whether the lines hold a scenario: a scenario title, or steps that lead to a Then. */
    static boolean holdsScenario(List<String> lines) {
        boolean title = false;
        boolean context = false;
        boolean outcome = false;
        for (String line : lines) {
            String text = line.strip();
            title |= titleOf(SCENARIO, text) != null || titleOf(FEATURE, text) != null;
            Step step = step(text);
            if (step != null) {
                context |= step.type() == StepType.GIVEN || step.type() == StepType.WHEN;
                outcome |= context && step.type() == StepType.THEN;
            }
        }
        return title || outcome;
    }

    /** Whether a line is a step, for continuing a scenario begun in an earlier block. */
    boolean continues(List<String> lines) {
        return (keyword != null || !steps.isEmpty()) && lines.stream().anyMatch(line -> step(line.strip()) != null);
    }

    void feed(List<String> lines) {
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("\"\"\"") || line.startsWith("```")) {
                inDocString = !inDocString;
                continue;
            }
            if (inDocString || line.isEmpty() || line.startsWith("#") || line.startsWith("@")) {
                continue;
            }
            String title;
            Step step;
            if (titleOf(FEATURE, line) != null) {
                close();
            } else if (titleOf(BACKGROUND, line) != null) {
                close();
                inBackground = true;
            } else if ((title = titleOf(SCENARIO, line)) != null) {
                close();
                keyword = keywordOf(SCENARIO, line);
                name = title;
            } else if (titleOf(EXAMPLES, line) != null) {
                inExamples = true;
            } else if (line.startsWith("|")) {
                if (inExamples) {
                    List<String> cells = MarkdownBlocks.cells(line);
                    if (!MarkdownBlocks.isSeparatorRow(cells)) {
                        examples.add(cells);
                    }
                }
            } else if ((step = step(line)) != null) {
                if (inBackground) {
                    background.add(step);
                } else {
                    if (inExamples) {
                        close();
                    }
                    steps.add(step);
                }
            }
            // Anything else is a feature's or scenario's free-text description: not a step.
        }
    }

    List<Scenario> finish() {
        close();
        List<Scenario> read = List.copyOf(scenarios);
        scenarios.clear();
        background.clear();
        inBackground = false;
        inDocString = false;
        return read;
    }

    private void close() {
        if (!steps.isEmpty()) {
            List<Step> all = Stream.concat(background.stream(), steps.stream()).toList();
            scenarios.add(new Scenario(keyword == null ? "" : keyword, name, all, List.copyOf(examples)));
        }
        inBackground = false;
        inExamples = false;
        keyword = null;
        name = "";
        steps = new ArrayList<>();
        examples = new ArrayList<>();
    }

    /** The text after "Keyword:" when the line starts with one of the keywords, else null. */
    private static @Nullable String titleOf(List<String> keywords, String line) {
        String keyword = keywordOf(keywords, line);
        return keyword == null ? null : line.substring(keyword.length() + 1).strip();
    }

    private static @Nullable String keywordOf(List<String> keywords, String line) {
        for (String keyword : keywords) {
            if (line.startsWith(keyword)
                    && line.length() > keyword.length()
                    && (line.charAt(keyword.length()) == ':' || line.charAt(keyword.length()) == '：')) {
                return keyword;
            }
        }
        return null;
    }

    static @Nullable Step step(String line) {
        for (Map.Entry<String, StepType> entry : STEP_KEYWORDS) {
            String keyword = entry.getKey();
            if (!line.startsWith(keyword) || line.length() == keyword.length()) {
                continue;
            }
            char next = line.charAt(keyword.length());
            // Japanese keywords need no space; keywords that end in an apostrophe are glued to the word.
            boolean separated = Character.isWhitespace(next)
                    || keyword.endsWith("'")
                    || Character.UnicodeScript.of(keyword.codePointAt(0)) != Character.UnicodeScript.LATIN
                            && !keyword.equals("*");
            if (separated) {
                String text = line.substring(keyword.length()).strip();
                if (!text.isEmpty()) {
                    return new Step(keyword, entry.getValue(), text);
                }
            }
        }
        return null;
    }
}
