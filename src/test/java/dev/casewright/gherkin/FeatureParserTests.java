package dev.casewright.gherkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeatureParserTests {

    private final FeatureParser parser = new FeatureParser();

    @Test
    void readsTheStructureOfAValidFeature() {
        ParsedFeature parsed = parser.parse("""
                Feature: Sign in
                  As a user I want to sign in.

                  Background:
                    Given the site is up

                  @happy @smoke
                  Scenario: Valid password
                    Given a registered user
                    And she is on the sign-in page
                    When she signs in
                    Then she sees her dashboard
                    But no warning is shown
                """);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.valid()).isTrue();
        assertThat(parsed.feature())
                .isEqualTo(new Feature(
                        "Sign in",
                        null,
                        List.of(Step.given("the site is up")),
                        List.of(new Scenario(
                                "Valid password",
                                List.of("@happy", "@smoke"),
                                List.of(
                                        Step.given("a registered user"),
                                        Step.and("she is on the sign-in page"),
                                        Step.when("she signs in"),
                                        Step.then("she sees her dashboard"),
                                        Step.but("no warning is shown")),
                                null))));
    }

    @Test
    void surfacesTheParsersOwnErrorsWithTheirLines() {
        ParsedFeature parsed = parser.parse("""
                Feature: Cart
                  Scenario: Totals
                    Given a cart with
                      | item | price |
                      | Book |
                """);

        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.feature()).isNull();
        assertThat(parsed.errors()).containsExactly(new GherkinError(5, 7, "inconsistent cell count within the table"));
        assertThat(parsed.errors().get(0)).hasToString("(5:7): inconsistent cell count within the table");
    }

    @Test
    void reportsEveryParserErrorNotOnlyTheFirst() {
        ParsedFeature parsed = parser.parse("""
                Feature: Cart
                  Scenario: Totals
                    Given a cart with
                      | a | b |
                      | c |
                    And another cart with
                      | a | b |
                      | c |
                """);

        assertThat(parsed.errors()).extracting(GherkinError::line).containsExactly(5, 8);
    }

    @Test
    void reportsAnUnknownLanguageHeader() {
        ParsedFeature parsed = parser.parse("# language: xx\nFeature: A\n");

        assertThat(parsed.errors()).containsExactly(new GherkinError(1, 1, "Language not supported: xx"));
    }

    @Test
    void rejectsTextWithoutAFeature() {
        ParsedFeature parsed = parser.parse("# only a comment\n\n");

        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(1);
            assertThat(error.message()).contains("no Feature");
        });
    }

    @Test
    void rejectsAFeatureWithoutScenarios() {
        ParsedFeature parsed = parser.parse("Feature: Empty\n  Just a description.\n");

        assertThat(parsed.feature()).isNotNull();
        assertThat(parsed.errors()).containsExactly(new GherkinError(1, 1, "the Feature has no scenarios"));
    }

    @Test
    void catchesASecondFeatureLineThatTheParserTakesForDescription() {
        ParsedFeature parsed = parser.parse("""
                Feature: Sign in
                  Users sign in.
                Feature: Sign out
                  Scenario: Leaves
                    Given a signed-in user
                """);

        assertThat(parsed.errors())
                .containsExactly(
                        new GherkinError(3, 1, "a second Feature: line; a .feature text holds exactly one Feature"));
    }

    @Test
    void catchesStepsWrittenDirectlyUnderFeature() {
        ParsedFeature parsed = parser.parse("""
                Feature: Sign in
                  Given a registered user
                  When she signs in

                  Scenario: Valid password
                    Then she sees her dashboard
                """);

        assertThat(parsed.errors()).extracting(GherkinError::line).containsExactly(2, 3);
        assertThat(parsed.errors()).allSatisfy(error -> {
            assertThat(error.column()).isEqualTo(3);
            assertThat(error.message()).startsWith("a step outside any scenario");
        });
    }

    @Test
    void catchesStepsUnderFeatureInTheFeaturesLanguage() {
        ParsedFeature parsed = parser.parse("""
                # language: de
                Funktionalität: Anmelden
                  Angenommen ein registrierter Benutzer

                  Szenario: Gültiges Passwort
                    Dann sieht sie ihr Dashboard
                """);

        assertThat(parsed.errors()).extracting(GherkinError::line).containsExactly(3);
    }

    @Test
    void leavesOrdinaryFeatureDescriptionsAlone() {
        ParsedFeature parsed = parser.parse("""
                Feature: Sign in
                  As a registered user
                  I want to sign in
                  * so that my cart is kept (a bullet, not a step)

                  Scenario: Valid password
                    Given a registered user
                """);

        assertThat(parsed.errors()).isEmpty();
    }

    @Test
    void rejectsAScenarioWithoutSteps() {
        ParsedFeature parsed = parser.parse("""
                Feature: Sign in
                  Scenario: Nothing happens
                  Scenario: Something happens
                    Given a user
                """);

        assertThat(parsed.errors()).containsExactly(new GherkinError(2, 3, "scenario 'Nothing happens' has no steps"));
    }

    @Test
    void rejectsABackgroundWithoutSteps() {
        ParsedFeature parsed = parser.parse("""
                Feature: Sign in
                  Background:
                  Scenario: Valid
                    Given a user
                """);

        assertThat(parsed.errors()).containsExactly(new GherkinError(2, 3, "the Background has no steps"));
    }

    @Test
    void rejectsAFirstStepKeywordWithoutTextThatTheParserTakesForDescription() {
        ParsedFeature parsed = parser.parse("""
                Feature: Sign in
                  Scenario: Valid
                    Given
                  Scenario: Other
                    Given a user
                """);

        assertThat(parsed.errors())
                .containsExactly(
                        new GherkinError(2, 3, "scenario 'Valid' has no steps"),
                        new GherkinError(3, 5, "the step 'Given' has no text"));
    }

    @Test
    void leavesALaterStepKeywordWithoutTextToTheParsersOwnError() {
        ParsedFeature parsed = parser.parse("""
                Feature: Sign in
                  Scenario: Valid
                    Given a user
                    When
                    Then she is in
                """);

        assertThat(parsed.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(4);
            assertThat(error.column()).isEqualTo(5);
            assertThat(error.message()).endsWith("got 'When'");
        });
    }

    @Test
    void rejectsAStepWithoutTextInLanguagesWithoutSpaceAfterTheKeyword() {
        ParsedFeature parsed = parser.parse("# language: ja\n機能: A\n  シナリオ: s\n    前提\n");

        assertThat(parsed.errors()).containsExactly(new GherkinError(4, 5, "the step '前提' has no text"));
    }

    @Test
    void readsAScenarioOutlineWithExamples() {
        ParsedFeature parsed = parser.parse("""
                Feature: Passwords
                  @boundary
                  Scenario Outline: Password length <length> is <verdict>
                    Given a new user
                    When she chooses a password of <length> characters
                    Then the password is <verdict>

                    Examples: short
                      | length | verdict  |
                      | 7      | rejected |

                    Examples: long
                      | length | verdict  |
                      | 8      | accepted |
                      | 64     | accepted |
                """);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.feature()).isNotNull();
        assertThat(parsed.feature().scenarios()).containsExactly(GherkinFixtures.outline());
        assertThat(parsed.feature().scenarios().get(0).isOutline()).isTrue();
    }

    @Test
    void rejectsAScenarioOutlineWithoutExamples() {
        ParsedFeature parsed = parser.parse("""
                Feature: Passwords
                  Scenario Outline: Length <length>
                    When she chooses a password of <length> characters
                """);

        assertThat(parsed.errors())
                .containsExactly(
                        new GherkinError(2, 3, "scenario 'Length <length>' is a Scenario Outline without Examples"));
    }

    @Test
    void rejectsExamplesWithAHeaderButNoRows() {
        ParsedFeature parsed = parser.parse("""
                Feature: Passwords
                  Scenario Outline: Length
                    When she chooses a password of <length> characters
                    Examples:
                      | length |
                """);

        assertThat(parsed.errors())
                .containsExactly(new GherkinError(4, 5, "the Examples of scenario 'Length' have a header but no rows"));
    }

    @Test
    void rejectsExamplesWithoutATable() {
        ParsedFeature parsed = parser.parse("""
                Feature: Passwords
                  Scenario Outline: Length
                    When she chooses a password of <length> characters
                    Examples:
                """);

        assertThat(parsed.errors())
                .extracting(GherkinError::message)
                .contains("the Examples of scenario 'Length' have no table");
    }

    @Test
    void rejectsPlaceholdersMissingFromTheExamplesHeader() {
        ParsedFeature parsed = parser.parse("""
                Feature: Passwords
                  Scenario Outline: Length
                    When she chooses a password of <length> characters
                    Then the password is <verdict>
                      | field  | value   |
                      | reason | <cause> |

                    Examples:
                      | length |
                      | 7      |
                """);

        assertThat(parsed.errors())
                .containsExactly(new GherkinError(
                        4, 5, "the step uses <verdict>, <cause>, which the Examples header does not have"));
    }

    @Test
    void rejectsExamplesTablesWithDifferentHeaders() {
        ParsedFeature parsed = parser.parse("""
                Feature: Passwords
                  Scenario Outline: Length
                    When she chooses a password of <length> characters
                    Examples:
                      | length |
                      | 7      |
                    Examples:
                      | length | extra |
                      | 8      | x     |
                """);

        assertThat(parsed.errors())
                .extracting(GherkinError::line, GherkinError::message)
                .containsExactly(
                        tuple(7, "the Examples of scenario 'Length' have different headers; use one Examples table"));
    }

    @Test
    void flattensRulesPuttingTheRuleBackgroundFirst() {
        ParsedFeature parsed = parser.parse("""
                Feature: Sign in
                  Rule: Locked accounts stay locked
                    Background:
                      Given a locked account
                    Scenario: Correct password
                      When she signs in
                      Then she is refused
                """);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.feature().scenarios())
                .containsExactly(new Scenario(
                        "Correct password",
                        List.of(
                                Step.given("a locked account"),
                                Step.when("she signs in"),
                                Step.then("she is refused"))));
    }

    @Test
    void readsStarStepsAsContinuationOfThePreviousStep() {
        ParsedFeature parsed = parser.parse("Feature: A\n  Scenario: s\n    Given a\n    * b\n");

        assertThat(parsed.feature().scenarios().get(0).steps()).containsExactly(Step.given("a"), Step.and("b"));
    }

    @Test
    void readsAThousandScenarioFeature() {
        StringBuilder text = new StringBuilder("Feature: Big\n");
        IntStream.range(0, 1000)
                .forEach(index -> text.append("\n  @n")
                        .append(index)
                        .append("\n  Scenario: Scenario ")
                        .append(index)
                        .append("\n    Given item ")
                        .append(index)
                        .append("\n      | key | value |\n      | id  | ")
                        .append(index)
                        .append("   |\n    When it is processed\n    Then it is stored as ")
                        .append(index)
                        .append('\n'));

        ParsedFeature parsed = parser.parse(text.toString());

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.feature().scenarios()).hasSize(1000);
        assertThat(parsed.feature().scenarios().get(999))
                .isEqualTo(new Scenario(
                        "Scenario 999",
                        List.of("@n999"),
                        List.of(
                                Step.given("item 999")
                                        .withTable(List.of(List.of("key", "value"), List.of("id", "999"))),
                                Step.when("it is processed"),
                                Step.then("it is stored as 999")),
                        null));
    }
}
