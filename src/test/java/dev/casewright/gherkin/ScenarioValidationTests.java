package dev.casewright.gherkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioValidationTests {

    private final FeatureParser parser = new FeatureParser();

    @Test
    void acceptsAValidScenarioWithTags() {
        ValidationResult result = parser.validateScenario(
                "@negative\nScenario: Wrong password\n  Given a user\n  When she signs in wrongly\n  Then she is refused\n",
                null);

        assertThat(result.valid()).isTrue();
        assertThat(result.messages()).isEmpty();
        assertThat(result.scenario())
                .isEqualTo(new Scenario(
                        "Wrong password",
                        List.of("@negative"),
                        List.of(Step.given("a user"), Step.when("she signs in wrongly"), Step.then("she is refused")),
                        null));
    }

    @Test
    void countsErrorLinesInTheScenarioTextItself() {
        ValidationResult result = parser.validateScenario(
                "Scenario: Cart\n  Given a cart with\n    | item | price |\n    | Book |\n", null);

        assertThat(result.valid()).isFalse();
        assertThat(result.messages()).containsExactly("(4:5): inconsistent cell count within the table");
    }

    @Test
    void countsErrorLinesInTheScenarioTextWhenALanguageHeaderIsAdded() {
        ValidationResult result = parser.validateScenario("Szenario: Warenkorb\n  Wenn\n  Dann ist er leer\n", "de");

        assertThat(result.messages()).containsExactly("(2:3): the step 'Wenn' has no text");
    }

    @Test
    void validatesAScenarioOutline() {
        ValidationResult result =
                parser.validateScenario(new FeatureWriter().write(GherkinFixtures.outline(), "es"), "es");

        assertThat(result.valid()).isTrue();
        assertThat(result.scenario()).isEqualTo(GherkinFixtures.outline());
    }

    @Test
    void reportsAnOutlineWithoutExamplesAtItsOwnLine() {
        ValidationResult result = parser.validateScenario(
                "@tag\nScenario Outline: Length\n  When she chooses <length> characters\n", null);

        assertThat(result.messages())
                .containsExactly("(2:1): scenario 'Length' is a Scenario Outline without Examples");
    }

    @Test
    void rejectsTextWithoutAScenario() {
        ValidationResult result = parser.validateScenario("Given a user\nWhen she signs in\n", null);

        assertThat(result.scenario()).isNull();
        assertThat(result.errors()).extracting(GherkinError::line).containsExactly(1, 1, 2);
        assertThat(result.valid()).isFalse();
        assertThat(result.messages())
                .contains(
                        "(1:1): no scenario: the text must start with Scenario: or Scenario Outline: (after any tags)");
    }

    @Test
    void rejectsTwoScenariosInOneText() {
        ValidationResult result =
                parser.validateScenario("Scenario: One\n  Given a\n\nScenario: Two\n  Given b\n", null);

        assertThat(result.messages())
                .containsExactly("(4:1): expected one scenario, found 2; validate each scenario on its own");
    }

    @Test
    void rejectsAFeatureLineInsideTheScenarioText() {
        ValidationResult result = parser.validateScenario("Feature: Oops\nScenario: One\n  Given a\n", null);

        assertThat(result.messages())
                .containsExactly("(1:1): a second Feature: line; a .feature text holds exactly one Feature");
    }

    @Test
    void rejectsABackgroundInsideTheScenarioText() {
        ValidationResult result = parser.validateScenario("Background:\n  Given a\nScenario: One\n  Given b\n", null);

        assertThat(result.messages())
                .containsExactly("(1:1): a scenario cannot contain a Background; put its steps into the scenario");
    }

    @Test
    void rejectsALanguageCucumberDoesNotKnow() {
        ValidationResult result = parser.validateScenario("Scenario: One\n  Given a\n", "xx");

        assertThat(result.messages()).containsExactly("(1:1): unknown Gherkin language: xx");
    }
}
