package dev.casewright.gherkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintsTests {

    private static final String LOGIN = """
            @happy @SHOP-42
            Scenario: Registered user signs in
              Given a registered user "alice"
              And she is on the sign-in page
              When she signs in with a valid password
              Then she sees her dashboard
              But no warning is shown
            """;

    @Test
    void isTheHexOfASha256() {
        assertThat(Fingerprints.of(GherkinFixtures.login())).matches("[0-9a-f]{64}");
    }

    @Test
    void isTheSameForTheScenarioAndItsText() {
        assertThat(Fingerprints.ofText(LOGIN, null)).isEqualTo(Fingerprints.of(GherkinFixtures.login()));
    }

    @Test
    void ignoresIndentationSpacingAndTagOrder() {
        String reformatted = """
                @SHOP-42    @happy
                    Scenario:    Registered   user signs in
                Given   a registered user    "alice"
                      And she is on   the sign-in page

                When she signs in with a valid password
                Then she sees her dashboard
                But no warning is shown
                """;

        assertThat(Fingerprints.ofText(reformatted, null)).isEqualTo(Fingerprints.ofText(LOGIN, null));
    }

    @Test
    void treatsAndAndButAsTheKindOfThePreviousStep() {
        Scenario withAnd = new Scenario("s", List.of(Step.given("a"), Step.and("b"), Step.when("c"), Step.but("d")));
        Scenario repeated =
                new Scenario("s", List.of(Step.given("a"), Step.given("b"), Step.when("c"), Step.when("d")));

        assertThat(Fingerprints.of(withAnd)).isEqualTo(Fingerprints.of(repeated));
    }

    @Test
    void isTheSameWhateverLanguageTheKeywordsAreWrittenIn() {
        FeatureWriter writer = new FeatureWriter();
        for (Scenario scenario : GherkinFixtures.scenarios()) {
            String expected = Fingerprints.of(scenario);
            for (String language : GherkinFixtures.LANGUAGES) {
                assertThat(Fingerprints.ofText(writer.write(scenario, language), language))
                        .as("%s in %s", scenario.title(), language)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void ignoresPaddingInTableCells() {
        String padded = "Scenario: s\n  Given rows\n    |  a   | b |\n    | 1 |   2    |\n";
        String tight = "Scenario: s\n  Given rows\n    | a | b |\n    | 1 | 2 |\n";

        assertThat(Fingerprints.ofText(padded, null)).isEqualTo(Fingerprints.ofText(tight, null));
    }

    @Test
    void changesWhenAnyStepTextChanges() {
        String original = Fingerprints.of(GherkinFixtures.login());
        List<Step> steps = GherkinFixtures.login().steps();
        for (int index = 0; index < steps.size(); index++) {
            List<Step> changed = new ArrayList<>(steps);
            Step step = steps.get(index);
            changed.set(index, new Step(step.keyword(), step.text() + " quickly", step.argument()));
            Scenario scenario = new Scenario(
                    GherkinFixtures.login().title(), GherkinFixtures.login().tags(), changed, null);

            assertThat(Fingerprints.of(scenario)).as("step %d", index).isNotEqualTo(original);
        }
    }

    @Test
    void keepsLetterCase() {
        Scenario lower = new Scenario("s", List.of(Step.given("an admin")));
        Scenario upper = new Scenario("s", List.of(Step.given("an Admin")));

        assertThat(Fingerprints.of(lower)).isNotEqualTo(Fingerprints.of(upper));
    }

    @Test
    void changesWithTheTitleTagsStepKindTableAndExamples() {
        Scenario outline = GherkinFixtures.outline();
        String original = Fingerprints.of(outline);

        assertThat(List.of(
                        new Scenario("Another title", outline.tags(), outline.steps(), outline.examples()),
                        new Scenario(outline.title(), List.of("@other"), outline.steps(), outline.examples()),
                        new Scenario(
                                outline.title(),
                                outline.tags(),
                                List.of(
                                        Step.given("a new user"),
                                        Step.when("she chooses a password of <length> characters"),
                                        Step.when("the password is <verdict>")),
                                outline.examples()),
                        new Scenario(
                                outline.title(),
                                outline.tags(),
                                outline.steps(),
                                new Examples(List.of("length", "verdict"), List.of(List.of("7", "rejected"))))))
                .extracting(Fingerprints::of)
                .doesNotContain(original)
                .doesNotHaveDuplicates();
        assertThat(Fingerprints.of(GherkinFixtures.withTable()))
                .isNotEqualTo(Fingerprints.of(new Scenario(
                        GherkinFixtures.withTable().title(),
                        List.of(
                                Step.given("a cart with")
                                        .withTable(List.of(List.of("item", "price"), List.of("Book", "13"))),
                                Step.when("the customer checks out"),
                                Step.then("the total is 119.50")))));
    }

    @Test
    void refusesTextThatIsNotAScenario() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Fingerprints.ofText("Given a step without a scenario", null))
                .withMessageContaining("no scenario");
    }
}
