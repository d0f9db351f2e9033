package dev.casewright.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.Tenants;
import dev.casewright.tenancy.TestTenants;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
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
import org.springframework.security.core.Authentication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * {@code GET /api/issues/{issueKey}/context} against a stub Jira serving a fixture issue and real
 * attachment files: the Markdown the model would see and the manifest of what went in.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@ExtendWith(OutputCaptureExtension.class)
class IssueContextIntegrationTests {

    static final WireMockServer JIRA =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        JIRA.start();
    }

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        registry.add("casewright.connect.oauth-token-url", () -> JIRA.baseUrl() + "/oauth2/token");
        registry.add("casewright.jira.initial-backoff", () -> "PT0.01S");
        registry.add("casewright.jira.max-backoff", () -> "PT0.05S");
    }

    @AfterAll
    static void stop() {
        JIRA.stop();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Tenants tenants;

    private HostUser user;

    @BeforeEach
    void stubJira() throws IOException {
        JIRA.resetAll();
        JIRA.stubFor(post("/oauth2/token")
                .willReturn(okJson("{\"access_token\":\"user-token\",\"expires_in\":900,\"token_type\":\"Bearer\"}")));
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SHOP-127"))
                .willReturn(okJson(new ClassPathResource("fixtures/jira/issues/SHOP-127.json")
                        .getContentAsString(StandardCharsets.UTF_8))));
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/attachment/content/10412"))
                .willReturn(aResponse().withBody(spreadsheet())));
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/attachment/content/10413"))
                .willReturn(aResponse().withBody("not really a png".getBytes(StandardCharsets.UTF_8))));
        var tenant = TestTenants.newSite(tenants, URI.create(JIRA.baseUrl()));
        user = new HostUser(tenant, "5b10a2844c20165700ede21g");
    }

    private static byte[] spreadsheet() throws IOException {
        try (var workbook = new XSSFWorkbook();
                var out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Rates");
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("Country");
            header.createCell(1).setCellValue("Threshold");
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue("Norway");
            row.createCell(1).setCellValue("799 NOK");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private Authentication as(HostUser caller) {
        return TestTenants.caller(caller);
    }

    @Test
    void theContextHoldsTheIssueAsMarkdownAndTheChosenAttachmentsText(CapturedOutput output) throws Exception {
        String body = mvc.perform(MockMvcRequestBuilders.get("/api/issues/SHOP-127/context")
                        .param("attachmentIds", "10412")
                        .with(authentication(as(user))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.issueKey").value("SHOP-127"))
                .andExpect(jsonPath("$.manifest.fields[?(@.name == 'description')].status")
                        .value("INCLUDED"))
                .andExpect(jsonPath("$.manifest.fields[?(@.name == 'acceptanceCriteria')].status")
                        .value("INCLUDED"))
                .andExpect(jsonPath("$.manifest.attachments[?(@.id == '10412')].status")
                        .value("INCLUDED"))
                .andExpect(jsonPath("$.manifest.attachments[?(@.id == '10413')].status")
                        .value("SKIPPED"))
                .andExpect(jsonPath("$.manifest.attachments[?(@.id == '10413')].reason")
                        .value("not chosen"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(body)
                .contains(
                        "# SHOP-127: Free shipping threshold per country",
                        "Norway",
                        "799 NOK",
                        "## Acceptance criteria");
        JIRA.verify(0, getRequestedFor(urlPathEqualTo("/rest/api/3/attachment/content/10413")));
        // Counts may be logged, content never.
        assertThat(output)
                .contains("Collected the context of an issue")
                .doesNotContain("799 NOK")
                .doesNotContain("Free shipping threshold");
    }

    @Test
    void aFileThatIsNotWhatItsNameSaysIsReadAsWhatItIsWithAWarning() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get("/api/issues/SHOP-127/context")
                        .param("attachmentIds", "10413")
                        .with(authentication(as(user))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.manifest.attachments[?(@.id == '10413')].mimeType")
                        .value("text/plain"))
                .andExpect(jsonPath("$.manifest.attachments[?(@.id == '10413')].warnings[0]")
                        .value(org.hamcrest.Matchers.hasItem(
                                org.hamcrest.Matchers.containsString("declared as image/png"))));
    }

    private void stubFixture(String key) throws IOException {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/" + key))
                .willReturn(okJson(new ClassPathResource("fixtures/jira/issues/" + key + ".json")
                        .getContentAsString(StandardCharsets.UTF_8))));
    }

    @Test
    void personalDataIsMaskedInWhatWouldBeSentAndCountedByType() throws Exception {
        stubFixture("BANK-19");

        String body = mvc.perform(MockMvcRequestBuilders.get("/api/issues/BANK-19/context")
                        .with(authentication(as(user))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.manifest.redactions.EMAIL").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)))
                .andExpect(jsonPath("$.manifest.redactions.IBAN").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(body)
                .doesNotContain("sabine.krueger@example.com", "DE26 1002 0030 0532 0130 11", "Sabine Krüger")
                .contains("<EMAIL_1>", "<IBAN_1>");
    }

    @Test
    void acceptanceCriteriaComeWithTheIdsTheModelWillCite() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get("/api/issues/SHOP-127/context")
                        .param("attachmentIds", "")
                        .with(authentication(as(user))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.acceptanceCriteria[0].id").value("AC1"))
                .andExpect(jsonPath("$.acceptanceCriteria.length()").value(org.hamcrest.Matchers.greaterThan(3)))
                .andExpect(jsonPath("$.manifest.estimatedTokens").value(org.hamcrest.Matchers.greaterThan(100)));
    }

    @Test
    void textThatReadsLikeInstructionsToAnAiIsFlagged() throws Exception {
        stubFixture("PRIV-9");

        mvc.perform(MockMvcRequestBuilders.get("/api/issues/PRIV-9/context").with(authentication(as(user))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.manifest.flaggedInstructions").value(org.hamcrest.Matchers.greaterThan(0)))
                .andExpect(jsonPath("$.manifest.warnings")
                        .value(org.hamcrest.Matchers.hasItem(
                                org.hamcrest.Matchers.containsString("instructions to an AI"))));
    }

    @Test
    void anIssueTheUserCannotSeeIsA404Problem() throws Exception {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SECRET-1"))
                .willReturn(aResponse().withStatus(404)));

        mvc.perform(MockMvcRequestBuilders.get("/api/issues/SECRET-1/context").with(authentication(as(user))))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("/problems/issue-not-found"))
                .andExpect(jsonPath("$.detail")
                        .value("Issue SECRET-1 was not found, or you do not have permission to see it."));
    }

    @Test
    void aRateLimitedJiraIsA429WithRetryAfter() throws Exception {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/BUSY-1"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")));

        mvc.perform(MockMvcRequestBuilders.get("/api/issues/BUSY-1/context").with(authentication(as(user))))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "12"))
                .andExpect(jsonPath("$.type").value("/problems/jira-rate-limited"));
    }

    @Test
    void somethingThatIsNotAnIssueKeyNeverReachesJira() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get("/api/issues/DROP TABLE/context").with(authentication(as(user))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-issue-key"));

        JIRA.verify(0, getRequestedFor(urlPathMatching("/rest/api/3/issue/.*")));
    }

    @Test
    void aCallWithoutAUserIsRefused() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get("/api/issues/SHOP-127/context")
                        .with(authentication(as(new HostUser(user.tenant(), null)))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("/problems/user-required"));
    }

    @Test
    void withoutATokenTheContextIsRefused() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get("/api/issues/SHOP-127/context")).andExpect(status().isUnauthorized());

        assertThat(JIRA.getAllServeEvents()).isEmpty();
    }
}
