package dev.casewright.generation.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluation command's own logic: what it needs from the environment, and how it adds up. */
class GenerationEvaluationTests {

    @Test
    void withoutAProviderTheRuleBasedWriterRunsAndNeedsNothing() {
        var settings = GenerationEvaluation.Settings.fromEnvironment(Map.of());

        assertThat(settings.provider()).isEqualTo("none");
        assertThat(settings.count()).isEqualTo(8);
        assertThat(settings.show()).isFalse();
        assertThat(settings.missing()).isEmpty();
    }

    @Test
    void aProviderThatNeedsAKeyIsRefusedWithoutOneAndTheUsageSaysHowToRun() {
        var settings = GenerationEvaluation.Settings.fromEnvironment(
                Map.of("CASEWRIGHT_EVAL_PROVIDER", "OpenAI", "CASEWRIGHT_EVAL_MODEL", "gpt-4o-mini"));
        var out = new ByteArrayOutputStream();

        GenerationEvaluation.usage(new PrintStream(out, true, StandardCharsets.UTF_8), settings.missing());

        assertThat(settings.missing()).containsExactly("CASEWRIGHT_EVAL_API_KEY is needed for openai");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("CASEWRIGHT_EVAL_API_KEY is needed for openai", "mvn -q -Peval test-compile exec:exec");
    }

    @Test
    void localServersNeedABaseUrlAndEveryModelProviderAModelName() {
        var ollama = GenerationEvaluation.Settings.fromEnvironment(Map.of("CASEWRIGHT_EVAL_PROVIDER", "ollama"));
        var unknown = GenerationEvaluation.Settings.fromEnvironment(Map.of("CASEWRIGHT_EVAL_PROVIDER", "gpt"));

        assertThat(ollama.missing())
                .containsExactly(
                        "CASEWRIGHT_EVAL_MODEL (the model name, e.g. gpt-4o-mini) is needed for ollama",
                        "CASEWRIGHT_EVAL_BASE_URL is needed for ollama");
        assertThat(unknown.missing()).singleElement().asString().startsWith("CASEWRIGHT_EVAL_PROVIDER must be one of");
    }

    @Test
    void theTotalsAddNumeratorsAndDenominatorsOverIssuesAndCountFailuresByType() {
        var rows = List.of(
                new GenerationEvaluation.Row("A-1", 4, 4, 8, 6, 3, 4, 2, 8_000, 3, 1, 1_500, null),
                new GenerationEvaluation.Row("A-2", 2, 2, 2, 2, 2, 2, 0, 1_000, 2, 0, 500, null),
                GenerationEvaluation.Row.failed("A-3", 5, 90_000, "model-timed-out"));
        var out = new ByteArrayOutputStream();

        GenerationEvaluation.print(new PrintStream(out, true, StandardCharsets.UTF_8), rows);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("| A-1 | 4 / 4 | 8 | 75.0 % | 75.0 % | 25.0 % | 1000 | 3 | 1 | 1.5 | |")
                .contains("| A-3 | – / 5 |", "| model-timed-out |")
                .contains("Issues: 2 generated, 1 failed")
                .contains("Scenario validity (valid Gherkin after repair): 80.0 % (8 of 10)")
                .contains("AC coverage (covered / total criteria): 83.3 % (5 of 6)")
                .contains("Duplicate rate (scenarios in a near-duplicate pair / scenarios): 20.0 % (2 of 10)")
                .contains("Tokens per scenario (input + output): 900 (9000 tokens in 5 model calls)")
                .contains("Repairs needed: 1 round(s) in 1 of 2 generations")
                .contains("Failures by problem type: {model-timed-out=1}");
    }

    @Test
    void theCorpusIsTheTwentySevenFixtureIssuesInKeyOrderOrTheSubsetAskedFor() {
        assertThat(GenerationEvaluation.fixtureIssues(null)).hasSize(27).containsKey("BANK-19");
        assertThat(GenerationEvaluation.fixtureIssues(java.util.Set.of("BANK-19", "SHOP-114"))
                        .keySet())
                .containsExactly("BANK-19", "SHOP-114");
    }
}
