package dev.casewright.publishing.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.publishing.ScenarioToPublish;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioStepsTests {

    @Test
    void anOutlineKeepsItsStepsAndExamplesButLosesItsTagsAndKeywordLine() {
        String scenario = """
                @limits
                Scenario Outline: Withdrawal limits
                  Given an account with <balance> EUR
                  When the holder withdraws <amount> EUR
                  Then the answer is "<answer>"

                  Examples:
                    | balance | amount | answer |
                    | 100     | 50     | paid   |
                """;
        var outline = new ScenarioToPublish(
                "S2",
                "Withdrawal limits",
                "Cash",
                "en",
                List.of("@limits"),
                scenario,
                "Feature: Cash\n\n" + scenario.indent(2),
                "fp");

        assertThat(ScenarioSteps.of(outline)).isEqualTo("""
                        Given an account with <balance> EUR
                        When the holder withdraws <amount> EUR
                        Then the answer is "<answer>"

                        Examples:
                          | balance | amount | answer |
                          | 100     | 50     | paid   |
                        """);
        assertThat(ScenarioSteps.labels(outline)).containsExactly("limits");
    }

    @Test
    void aGermanScenarioKeepsItsOwnKeywords() {
        String scenario = """
                Szenario: Anmeldung
                  Angenommen ein registrierter Nutzer
                  Wenn er sich anmeldet
                  Dann sieht er sein Konto
                """;
        var german = new ScenarioToPublish(
                "S1",
                "Anmeldung",
                "Konto",
                "de",
                List.of(),
                scenario,
                "# language: de\nFunktionalität: Konto\n\n" + scenario.indent(2),
                "fp");

        assertThat(ScenarioSteps.of(german))
                .isEqualTo("Angenommen ein registrierter Nutzer\nWenn er sich anmeldet\nDann sieht er sein Konto\n");
    }

    @Test
    void aLongTitleIsCutToTheLimitWithAnEllipsis() {
        var scenario = new ScenarioToPublish("S1", "x".repeat(300), "F", "en", List.of(), "", "", "fp");

        assertThat(ScenarioSteps.title(scenario, 255)).hasSize(255).endsWith("…");
    }
}
