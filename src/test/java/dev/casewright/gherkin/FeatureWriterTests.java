package dev.casewright.gherkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.cucumber.gherkin.GherkinDialectProvider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class FeatureWriterTests {

    private static final List<String> LANGUAGES = GherkinFixtures.LANGUAGES;

    private final FeatureWriter writer = new FeatureWriter();
    private final FeatureParser parser = new FeatureParser();

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void writesFeaturesThatParseBackIntoTheSameFeature(String language) {
        Feature feature = GherkinFixtures.feature(language);

        String text = writer.write(feature);
        ParsedFeature parsed = parser.parse(text);

        assertThat(parsed.errors()).as(text).isEmpty();
        assertThat(parsed.feature()).as(text).isEqualTo(feature);
    }

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void writesEachScenarioAloneSoThatItValidatesBackIntoTheSameScenario(String language) {
        for (Scenario scenario : GherkinFixtures.scenarios()) {
            String text = writer.write(scenario, language);
            ValidationResult result = parser.validateScenario(text, language);

            assertThat(result.errors()).as(text).isEmpty();
            assertThat(result.scenario()).as(text).isEqualTo(scenario);
        }
    }

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void usesTheOfficialDialectsKeywords(String language) {
        var dialect = new GherkinDialectProvider().getDialect(language).orElseThrow();

        String text = writer.write(GherkinFixtures.feature(language));

        assertThat(text).contains(dialect.getFeatureKeywords().get(0) + ": Checkout");
        assertThat(text).contains(dialect.getExamplesKeywords().get(0) + ":");
        assertThat(text)
                .containsAnyOf(dialect.getGivenKeywords().stream()
                        .filter(keyword -> !keyword.equals("* "))
                        .map(keyword -> "    " + keyword + "a registered user")
                        .toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource({
        "de, Angenommen , Wenn , Dann ",
        "fr, Soit , Quand , Alors ",
        "es, Dado , Cuando , Entonces ",
        "ja, 前提, もし, ならば",
        "pt, Dado , Quando , Então ",
        "en, Given , When , Then "
    })
    void writesTheUsualStepWordsOfEachLanguage(String language, String given, String when, String then) {
        Scenario scenario = new Scenario("s", List.of(Step.given("a"), Step.when("b"), Step.then("c")));

        String text = writer.write(scenario, language);

        // CsvSource trims values; the dialects put a space after a word only where the language uses one.
        String space = language.equals("ja") ? "" : " ";
        assertThat(text.lines())
                .containsSequence("  " + given + space + "a", "  " + when + space + "b", "  " + then + space + "c");
    }

    @Test
    void writesALanguageHeaderOnlyForLanguagesOtherThanEnglish() {
        assertThat(writer.write(GherkinFixtures.feature("de")))
                .startsWith("# language: de\nFunktionalität: Checkout\n");
        assertThat(writer.write(GherkinFixtures.feature(null))).startsWith("Feature: Checkout\n");
        assertThat(writer.write(GherkinFixtures.feature("en"))).startsWith("Feature: Checkout\n");
    }

    @Test
    void writesCanonicalTextWithAlignedTablesAndTagsOnTheirOwnLine() {
        Feature feature =
                new Feature("Cart", null, List.of(), List.of(GherkinFixtures.withTable(), GherkinFixtures.outline()));

        assertThat(writer.write(feature)).isEqualTo("""
                        Feature: Cart

                          Scenario: Cart totals include tax
                            Given a cart with
                              | item         | price | note        |
                              | Book         | 12.50 | a\\|b        |
                              | Lamp ünïcode | 100   | back\\\\slash |
                              | 商品           | 7     |             |
                            When the customer checks out
                            Then the total is 119.50

                          @boundary
                          Scenario Outline: Password length <length> is <verdict>
                            Given a new user
                            When she chooses a password of <length> characters
                            Then the password is <verdict>

                            Examples:
                              | length | verdict  |
                              | 7      | rejected |
                              | 8      | accepted |
                              | 64     | accepted |
                        """);
    }

    @Test
    void writesDocStringsBetweenTripleQuotesWithTheirMediaType() {
        Scenario scenario = new Scenario(
                "s", List.of(new Step(Step.Keyword.GIVEN, "the body", new DocString("{\n  \"a\": 1\n}", "json"))));

        assertThat(writer.write(scenario, null)).isEqualTo("""
                        Scenario: s
                          Given the body
                            \"""json
                            {
                              "a": 1
                            }
                            \"""
                        """);
    }

    @Test
    void keepsStepTextOnOneLine() {
        Scenario scenario = new Scenario("two\nlines", List.of(Step.given("first\n  second")));

        assertThat(writer.write(scenario, null)).isEqualTo("Scenario: two lines\n  Given first second\n");
    }

    @Test
    void refusesALanguageCucumberDoesNotKnow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> writer.write(GherkinFixtures.login(), "xx"))
                .withMessageContaining("xx");
    }
}
