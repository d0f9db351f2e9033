package dev.casewright.gherkin;

import io.cucumber.gherkin.GherkinDialect;
import io.cucumber.gherkin.GherkinDialectProvider;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The keywords of one Gherkin language, taken from Cucumber's official dialects, never hard-coded. */
final class Dialect {

    static final String DEFAULT_LANGUAGE = "en";

    // "* " stands for any step keyword; it carries no meaning of its own.
    private static final String ANY_STEP = "* ";

    private static final GherkinDialectProvider PROVIDER = new GherkinDialectProvider();

    private final GherkinDialect dialect;
    private final Map<Step.Keyword, List<String>> stepKeywords = new EnumMap<>(Step.Keyword.class);

    private Dialect(GherkinDialect dialect) {
        this.dialect = dialect;
        stepKeywords.put(Step.Keyword.GIVEN, withoutAnyStep(dialect.getGivenKeywords()));
        stepKeywords.put(Step.Keyword.WHEN, withoutAnyStep(dialect.getWhenKeywords()));
        stepKeywords.put(Step.Keyword.THEN, withoutAnyStep(dialect.getThenKeywords()));
        stepKeywords.put(Step.Keyword.AND, withoutAnyStep(dialect.getAndKeywords()));
        stepKeywords.put(Step.Keyword.BUT, withoutAnyStep(dialect.getButKeywords()));
    }

    static Optional<Dialect> find(@Nullable String language) {
        return PROVIDER.getDialect(language == null ? DEFAULT_LANGUAGE : language)
                .map(Dialect::new);
    }

    static Dialect of(@Nullable String language) {
        return find(language).orElseThrow(() -> new IllegalArgumentException("unknown Gherkin language: " + language));
    }

    String language() {
        return dialect.getLanguage();
    }

    boolean isDefault() {
        return language().equals(DEFAULT_LANGUAGE);
    }

    String feature() {
        return dialect.getFeatureKeywords().get(0);
    }

    List<String> featureKeywords() {
        return dialect.getFeatureKeywords();
    }

    String background() {
        return dialect.getBackgroundKeywords().get(0);
    }

    /**
     * The word for "Scenario". Dialects list the newer synonym "Example" first and the word for "Scenario"
     * second; reviewers expect the latter.
     */
    String scenario() {
        List<String> keywords = dialect.getScenarioKeywords();
        return keywords.size() > 1 ? keywords.get(1) : keywords.get(0);
    }

    String scenarioOutline() {
        return dialect.getScenarioOutlineKeywords().get(0);
    }

    List<String> scenarioOutlineKeywords() {
        return dialect.getScenarioOutlineKeywords();
    }

    String examples() {
        return dialect.getExamplesKeywords().get(0);
    }

    /**
     * The keyword to write for a step kind, with its trailing space where the language has one. Only words
     * that belong to this kind alone qualify, so that reading the text back yields the same kind. Dialects
     * list the usual word first for Given, When and Then ("Soit", "Quand", "Alors"), but list the "and that"
     * forms first for And and But ("Et que"), so for those the shortest word is the plain one ("Et").
     */
    String step(Step.Keyword keyword) {
        List<String> others = stepKeywords.entrySet().stream()
                .filter(entry -> entry.getKey() != keyword)
                .flatMap(entry -> entry.getValue().stream())
                .toList();
        List<String> own = stepKeywords.get(keyword);
        List<String> candidates =
                own.stream().filter(word -> !others.contains(word)).toList();
        if (candidates.isEmpty()) {
            return own.get(0);
        }
        boolean conjunction = keyword == Step.Keyword.AND || keyword == Step.Keyword.BUT;
        return conjunction
                ? candidates.stream()
                        .min(Comparator.comparingInt(String::length))
                        .orElseThrow()
                : candidates.get(0);
    }

    /** The step kind that a keyword as written (with its trailing space, if any) belongs to. */
    Step.Keyword kindOf(String writtenKeyword) {
        return Stream.of(Step.Keyword.values())
                .filter(kind -> stepKeywords.get(kind).contains(writtenKeyword))
                .findFirst()
                .orElse(Step.Keyword.AND);
    }

    boolean isBut(String writtenKeyword) {
        return stepKeywords.get(Step.Keyword.BUT).contains(writtenKeyword);
    }

    /** Every step keyword except "*", for recognising steps where the parser saw description text. */
    Stream<String> stepKeywords() {
        return stepKeywords.values().stream().flatMap(List::stream).distinct();
    }

    private static List<String> withoutAnyStep(List<String> keywords) {
        return keywords.stream().filter(word -> !word.equals(ANY_STEP)).toList();
    }
}
