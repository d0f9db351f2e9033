package dev.casewright.generation.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The benchmarks' fake model answers as the v1 prompts ask, so the benchmarks measure full suites. */
class FakeOpenAiServerTests {

    private static JsonNode content(String completion) {
        JsonNode reply = JsonMapper.shared().readTree(completion);
        assertThat(reply.path("choices").path(0).path("finish_reason").asString())
                .isEqualTo("stop");
        assertThat(reply.path("usage").path("prompt_tokens").asInt()).isPositive();
        return JsonMapper.shared()
                .readTree(reply.path("choices")
                        .path(0)
                        .path("message")
                        .path("content")
                        .asString());
    }

    @Test
    void thePlanHasAsManyScenariosAsThePromptAsksForUpToEight() {
        JsonNode three = content(FakeOpenAiServer.reply(
                "Plan a test suite for the Jira issue below.\\n\\n" + "Write at most 3 scenarios. Cover these styles"));
        JsonNode twenty = content(FakeOpenAiServer.reply("Plan a test suite. Write at most 20 scenarios."));

        assertThat(three.path("scenarios")).hasSize(3);
        assertThat(three.path("scenarios")
                        .path(0)
                        .path("acceptanceCriteria")
                        .path(0)
                        .asString())
                .isEqualTo("AC1");
        assertThat(twenty.path("scenarios")).hasSize(8);
    }

    @Test
    void theExpansionWritesEightDistinctScenariosWithStepsAndTwoOutlines() {
        JsonNode expansion = content(FakeOpenAiServer.reply("Write the Gherkin steps for the planned scenarios"));

        assertThat(expansion.path("scenarios")).hasSize(8);
        assertThat(expansion
                        .path("scenarios")
                        .valueStream()
                        .map(s -> s.path("id").asString()))
                .containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8");
        assertThat(expansion.path("scenarios").valueStream().filter(s -> s.has("examples")))
                .hasSize(2);
        assertThat(expansion.path("scenarios").valueStream())
                .allSatisfy(s -> assertThat(s.path("steps").size()).isGreaterThanOrEqualTo(3));
    }
}
