package dev.casewright.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.casewright.settings.SettingsChanges;
import dev.casewright.settings.TenantSettings;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.StubJira;
import dev.casewright.tenancy.Tenants;
import dev.casewright.tenancy.TestTenants;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The plan step end to end with a stub Jira and a stub OpenAI: what leaves (masked, marked as
 * data), what comes back (checked, unmasked), what is recorded (counts only), and nothing of the
 * issue or the answer anywhere in the database or the logs.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@ExtendWith(OutputCaptureExtension.class)
class GenerationPlanIntegrationTests {

    static final WireMockServer STUBS = StubJira.SERVER;
    static final String CANARY_TITLE = "Zebra canary 7731 pays by transfer";

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        StubJira.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Tenants tenants;

    @Autowired
    TenantSettings settings;

    @Autowired
    JdbcTemplate jdbc;

    private HostUser user;

    @BeforeEach
    void jiraAndAModel() throws IOException {
        StubJira.reset();
        STUBS.stubFor(get(urlPathEqualTo("/rest/api/3/issue/BANK-19"))
                .willReturn(okJson(new ClassPathResource("fixtures/jira/issues/BANK-19.json")
                        .getContentAsString(StandardCharsets.UTF_8))));
        var tenant = TestTenants.newSite(tenants, URI.create(STUBS.baseUrl()));
        user = new HostUser(tenant, "5b10a2844c20165700ede21g");
        settings.update(
                user,
                SettingsChanges.model(
                        "openai",
                        "gpt-4o-mini",
                        URI.create(STUBS.baseUrl() + "/v1"),
                        "sk-test-plan",
                        "Prefer boundary values.",
                        true,
                        null));
    }

    private static String openAi(String content, String finishReason) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1767225600,\"model\":\"gpt-4o-mini-2024-07-18\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quote(content) + "},"
                + "\"finish_reason\":\"" + finishReason
                + "\"}],\"usage\":{\"prompt_tokens\":1570,\"completion_tokens\":170,"
                + "\"total_tokens\":1740}}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private Authentication caller() {
        return TestTenants.caller(user);
    }

    private org.springframework.test.web.servlet.ResultActions plan(String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/api/issues/BANK-19/generations/plan")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .with(authentication(caller())));
    }

    @Test
    void thePlanIsCheckedUnmaskedAndOnlyMaskedDataLeaves(CapturedOutput output) throws Exception {
        String reply = """
                {"featureName": "Transfers to <PERSON_1>", "language": "en",
                 "scenarios": [
                   {"title": "%s", "technique": "use case", "acceptanceCriteria": ["AC1"], "tags": ["happy path"]},
                   {"title": "Mail goes to <EMAIL_1>", "technique": "error guessing", "acceptanceCriteria": ["AC99"], "tags": []}],
                 "openQuestions": ["Which limit applies to <IBAN_1>?"]}
                """.formatted(CANARY_TITLE);
        STUBS.stubFor(post("/v1/chat/completions").willReturn(okJson(openAi(reply, "stop"))));

        String body = plan("{\"count\": 5, \"styles\": [\"happy\", \"negative\"]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scenarios[0].id").value("S1"))
                .andExpect(jsonPath("$.scenarios[0].acceptanceCriteria[0]").value("AC1"))
                .andExpect(jsonPath("$.scenarios[0].tags[0]").value("@happy-path"))
                .andExpect(jsonPath("$.scenarios[1].acceptanceCriteria").isEmpty())
                .andExpect(jsonPath("$.promptVersion").value("v1"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        // The answer comes back with the real values restored...
        assertThat(body).contains("sabine.krueger@example.com", "Sabine Krüger", "AC99");
        // ...while the model only ever saw placeholders, inside marked data.
        String sent = STUBS.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")))
                .get(0)
                .getBodyAsString();
        assertThat(sent)
                .doesNotContain("sabine.krueger@example.com", "DE26 1002 0030 0532 0130 11")
                .contains("<EMAIL_1>", "<issue_data id=", "AC1: ", "Prefer boundary values.")
                .containsPattern("\"temperature\"\\s*:\\s*0\\.0")
                // JSON mode: OpenAI then answers with JSON only.
                .containsPattern("\"response_format\"\\s*:\\s*\\{\\s*\"type\"\\s*:\\s*\"json_object\"");
        // Usage: counts and codes only.
        Map<String, Object> row = jdbc.queryForMap(
                "select * from usage_event where tenant_id = ? order by id desc limit 1",
                user.tenant().value());
        assertThat(row).containsEntry("OPERATION", "generate.plan").containsEntry("OUTCOME", "ok");
        assertThat(((Number) row.get("INPUT_TOKENS")).longValue()).isEqualTo(1570);
        // The canary: nothing of the issue or the answer in the database or the logs.
        assertThat(everyStoredValue())
                .noneMatch(value -> value.contains("Zebra canary")
                        || value.contains("sabine.krueger")
                        || value.contains("Sabine Krüger"));
        assertThat(output).doesNotContain("Zebra canary", "sabine.krueger", "Sabine Krüger", "sk-test-plan");
    }

    private List<String> everyStoredValue() {
        var values = new java.util.ArrayList<String>();
        for (String table : List.of("tenant", "tenant_settings", "usage_event", "flyway_schema_history")) {
            jdbc.queryForList("select * from " + table)
                    .forEach(row -> row.values().forEach(value -> {
                        if (value instanceof byte[] bytes) {
                            values.add(new String(bytes, StandardCharsets.ISO_8859_1));
                        } else if (value != null) {
                            values.add(value.toString());
                        }
                    }));
        }
        return values;
    }

    @Test
    void aRejectedKeyIsAProblemThatNamesTheProviderAndIsRecorded() throws Exception {
        STUBS.stubFor(post("/v1/chat/completions")
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":{}}")));

        plan("{}")
                .andExpect(status().isBadGateway())
                .andExpect(jsonPath("$.type").value("/problems/model-key-rejected"))
                .andExpect(jsonPath("$.provider").value("openai"));

        assertThat(jdbc.queryForObject(
                        "select outcome from usage_event where tenant_id = ? order by id desc limit 1",
                        String.class,
                        user.tenant().value()))
                .isEqualTo("provider-key-rejected");
    }

    @Test
    void aProviderAskingForALongerWaitThanAUserCanGiveIsA429ThatSaysHowLong() throws Exception {
        STUBS.stubFor(post("/v1/chat/completions")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on tokens per min (TPM):"
                                        + " Limit 30000, Used 29950, Requested 1740. Please try again in 45s.\",\"type\":"
                                        + "\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}")));

        plan("{}")
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "45"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/model-rate-limited"))
                .andExpect(jsonPath("$.provider").value("openai"));

        STUBS.verify(1, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        assertThat(jdbc.queryForObject(
                        "select outcome from usage_event where tenant_id = ? order by id desc limit 1",
                        String.class,
                        user.tenant().value()))
                .isEqualTo("provider-rate-limited");
    }

    @Test
    void aTruncatedAnswerIsReportedAndRecordedAsSuch() throws Exception {
        STUBS.stubFor(post("/v1/chat/completions")
                .willReturn(okJson(
                        openAi("{\"featureName\": \"Transfers\", \"scenarios\": [{\"title\": \"Pay", "length"))));

        plan("{}")
                .andExpect(status().isBadGateway())
                .andExpect(jsonPath("$.type").value("/problems/model-output-unparseable"));

        assertThat(jdbc.queryForObject(
                        "select outcome from usage_event where tenant_id = ? order by id desc limit 1",
                        String.class,
                        user.tenant().value()))
                .isEqualTo("output-truncated");
    }

    @Test
    void withoutAnyModelConfiguredThePanelIsToldWhatToDo() throws Exception {
        settings.update(user, SettingsChanges.model("none", null, null, "", null, true, null));

        plan("{}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("/problems/no-model-configured"));
    }

    @Test
    void anOutOfRangeCountIsRefusedBeforeAnythingIsRead() throws Exception {
        plan("{\"count\": 500}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-generation-request"));

        STUBS.verify(
                0,
                com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                        urlPathEqualTo("/rest/api/3/issue/BANK-19")));
    }
}
