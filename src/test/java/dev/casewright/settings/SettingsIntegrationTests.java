package dev.casewright.settings;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.StubJira;
import dev.casewright.tenancy.TenantId;
import dev.casewright.tenancy.TenantRegistration;
import dev.casewright.tenancy.Tenants;
import dev.casewright.tenancy.TestTenants;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

@SpringBootTest
@AutoConfigureMockMvc
class SettingsIntegrationTests {

    static final WireMockServer JIRA = StubJira.SERVER;
    static final String ADMIN = "5b10a2844c20165700ede21g";
    static final String MEMBER = "5b10ac8d82e05b22cc7d4ef5";

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

    private String clientKey;
    private TenantId tenant;

    @BeforeEach
    void tenantWithAnAdministrator() {
        JIRA.resetAll();
        JIRA.stubFor(post("/oauth2/token")
                .willReturn(
                        okJson("{\"access_token\":\"member-token\",\"expires_in\":900,\"token_type\":\"Bearer\"}")));
        JIRA.stubFor(post("/rest/api/3/permissions/check")
                .willReturn(okJson("{\"globalPermissions\":[\"ADMINISTER\"],\"projectPermissions\":[]}")));
        clientKey = UUID.randomUUID().toString();
        tenant = tenants.register(new TenantRegistration(
                        clientKey,
                        URI.create(JIRA.baseUrl()),
                        null,
                        "jira",
                        "settings-secret-0123456789abcdefghij",
                        "oauth-client",
                        null,
                        null,
                        null,
                        null))
                .id();
    }

    private Authentication as(String accountId) {
        return TestTenants.caller(new HostUser(tenant, accountId));
    }

    private static final String CHANGE = """
            {"provider":"openai","model":"gpt-4o-mini","apiKey":"sk-live-0123456789","instructions":"Prefer boundary values.",
             "maskingEnabled":true,"monthlyTokenBudget":2000000}
            """;

    @Test
    void anAdministratorSavesSettingsAndTheKeyIsWriteOnly() throws Exception {
        String saved = mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(CHANGE)
                        .with(authentication(as(ADMIN))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.provider").value("openai"))
                .andExpect(jsonPath("$.apiKeySet").value(true))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String read = mvc.perform(MockMvcRequestBuilders.get("/api/settings").with(authentication(as(ADMIN))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.model").value("gpt-4o-mini"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(saved).doesNotContain("sk-live");
        assertThat(read).doesNotContain("sk-live");
        assertThat(settings.model(tenant).orElseThrow().apiKey()).isEqualTo("sk-live-0123456789");
        byte[] stored = jdbc.queryForObject(
                "select api_key_enc from tenant_settings where tenant_id = ?", byte[].class, tenant.value());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("sk-live");
    }

    @Test
    void theJiraPublishingOptionsAreNamesShownBackKeptWhenLeftOutAndClearedWhenBlank() throws Exception {
        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                CHANGE.replace(
                                        "\"maskingEnabled\"",
                                        "\"jiraTestIssueType\":\" Test Case \",\"jiraTestLinkType\":\"Verifies\",\"maskingEnabled\""))
                        .with(authentication(as(ADMIN))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jiraTestIssueType").value("Test Case"))
                .andExpect(jsonPath("$.jiraTestLinkType").value("Verifies"));
        assertThat(settings.publishingOptions(tenant)).isEqualTo(new PublishingOptions("Test Case", "Verifies", null));

        // A page (or an older client) that does not send them keeps them.
        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(CHANGE)
                        .with(authentication(as(ADMIN))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jiraTestIssueType").value("Test Case"));
        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(CHANGE.replace("\"maskingEnabled\"", "\"jiraTestLinkType\":\"\",\"maskingEnabled\""))
                        .with(authentication(as(ADMIN))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jiraTestLinkType").isEmpty());
        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(CHANGE.replace(
                                "\"maskingEnabled\"",
                                "\"jiraTestIssueType\":\"" + "T".repeat(256) + "\",\"maskingEnabled\""))
                        .with(authentication(as(ADMIN))))
                .andExpect(status().isBadRequest());

        assertThat(settings.publishingOptions(tenant)).isEqualTo(new PublishingOptions("Test Case", null, null));
        assertThat(jdbc.queryForObject(
                        "select jira_test_issue_type from tenant_settings where tenant_id = ?",
                        String.class,
                        tenant.value()))
                .isEqualTo("Test Case");
        assertThat(settings.publishingOptions(new TenantId(UUID.randomUUID().toString())))
                .isEqualTo(new PublishingOptions(null, null, null));
    }

    @Test
    void theZephyrFolderIsANameOrPathShownBackKeptWhenLeftOutAndClearedWhenBlank() throws Exception {
        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(CHANGE.replace(
                                "\"maskingEnabled\"",
                                "\"zephyrFolder\":\" /Regression / Checkout \",\"maskingEnabled\""))
                        .with(authentication(as(ADMIN))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.zephyrFolder").value("Regression/Checkout"));
        assertThat(settings.publishingOptions(tenant))
                .isEqualTo(new PublishingOptions(null, null, "Regression/Checkout"));

        // Left out, as by a page (or an older client) that does not know it: kept.
        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(CHANGE)
                        .with(authentication(as(ADMIN))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.zephyrFolder").value("Regression/Checkout"));
        for (String invalid : List.of("/", "Regression/" + "F".repeat(256), "Regression\\nCheckout")) {
            mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(CHANGE.replace(
                                    "\"maskingEnabled\"", "\"zephyrFolder\":\"" + invalid + "\",\"maskingEnabled\""))
                            .with(authentication(as(ADMIN))))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("/problems/invalid-settings"));
        }
        assertThat(jdbc.queryForObject(
                        "select zephyr_folder from tenant_settings where tenant_id = ?", String.class, tenant.value()))
                .isEqualTo("Regression/Checkout");

        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(CHANGE.replace("\"maskingEnabled\"", "\"zephyrFolder\":\" \",\"maskingEnabled\""))
                        .with(authentication(as(ADMIN))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.zephyrFolder").isEmpty());
        assertThat(settings.publishingOptions(tenant).zephyrFolder()).isNull();
    }

    @Test
    void leavingTheKeyOutKeepsItAndABlankKeyRemovesIt() throws Exception {
        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                .contentType(MediaType.APPLICATION_JSON)
                .content(CHANGE)
                .with(authentication(as(ADMIN))));

        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"maskingEnabled\":true}")
                        .with(authentication(as(ADMIN))))
                .andExpect(jsonPath("$.apiKeySet").value(true));
        assertThat(settings.model(tenant).orElseThrow().apiKey()).isEqualTo("sk-live-0123456789");

        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"apiKey\":\"\",\"maskingEnabled\":true}")
                        .with(authentication(as(ADMIN))))
                .andExpect(jsonPath("$.apiKeySet").value(false));
    }

    @Test
    void settingsAreForJiraAdministratorsOnly() throws Exception {
        JIRA.stubFor(post("/rest/api/3/permissions/check")
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer member-token"))
                .willReturn(okJson("{\"globalPermissions\":[],\"projectPermissions\":[]}")));

        mvc.perform(MockMvcRequestBuilders.get("/api/settings").with(authentication(as(MEMBER))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("/problems/administrators-only"));
    }

    @Test
    void anUnknownProviderIsRefusedWithTheReason() throws Exception {
        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"provider\":\"skynet\",\"maskingEnabled\":true}")
                        .with(authentication(as(ADMIN))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-settings"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("provider")));
    }

    @Test
    void aChangeBasedOnAnOldVersionIsAConflict() throws Exception {
        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                .contentType(MediaType.APPLICATION_JSON)
                .content(CHANGE)
                .with(authentication(as(ADMIN))));

        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"provider\":\"anthropic\",\"maskingEnabled\":true,\"expectedVersion\":42}")
                        .with(authentication(as(ADMIN))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("/problems/settings-changed-meanwhile"));
    }

    @Test
    void anUninstallRemovesTheApiKeyAtOnce() throws Exception {
        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                .contentType(MediaType.APPLICATION_JSON)
                .content(CHANGE)
                .with(authentication(as(ADMIN))));

        tenants.uninstall(clientKey);

        assertThat(settings.model(tenant).orElseThrow().apiKey()).isNull();
        assertThat(settings.model(tenant).orElseThrow().provider()).isEqualTo("openai");
    }

    private static final String WITH_TARGET_CREDENTIALS = """
            {"provider":"none","maskingEnabled":true,
             "xrayClientId":"XRAYCLIENTID0123456789ABCDEF","xrayClientSecret":"xray-secret-9f8e7d6c5b4a",
             "zephyrApiToken":"eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.zephyr-canary.sig"}
            """;

    private String put(String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)
                        .with(authentication(as(ADMIN))))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private String stored(String column) {
        byte[] value = jdbc.queryForObject(
                "select " + column + " from tenant_settings where tenant_id = ?", byte[].class, tenant.value());
        return value == null ? "" : new String(value, StandardCharsets.ISO_8859_1);
    }

    @Test
    void targetCredentialsAreStoredEncryptedAndPagesOnlyLearnWhetherTheyAreConfigured() throws Exception {
        String saved = put(WITH_TARGET_CREDENTIALS);
        String read = mvc.perform(MockMvcRequestBuilders.get("/api/settings").with(authentication(as(ADMIN))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.xray.configured").value(true))
                .andExpect(jsonPath("$.zephyr.configured").value(true))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        for (String page : List.of(saved, read)) {
            assertThat(page).doesNotContain("XRAYCLIENTID", "xray-secret", "zephyr-canary");
        }
        assertThat(stored("xray_client_id_enc")).isNotEmpty().doesNotContain("XRAYCLIENTID");
        assertThat(stored("xray_client_secret_enc")).isNotEmpty().doesNotContain("xray-secret");
        assertThat(stored("zephyr_api_token_enc")).isNotEmpty().doesNotContain("zephyr-canary");
        TargetCredentials credentials = settings.targetCredentials(tenant);
        assertThat(credentials.xrayClientId()).isEqualTo("XRAYCLIENTID0123456789ABCDEF");
        assertThat(credentials.xrayClientSecret()).isEqualTo("xray-secret-9f8e7d6c5b4a");
        assertThat(credentials.zephyrApiToken()).isEqualTo("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.zephyr-canary.sig");
        assertThat(credentials.toString()).doesNotContain("XRAYCLIENTID", "xray-secret", "zephyr-canary");
    }

    @Test
    void leavingTargetCredentialsOutKeepsThemAndBlankOnesRemoveThem() throws Exception {
        put(WITH_TARGET_CREDENTIALS);

        put("{\"provider\":\"openai\",\"maskingEnabled\":true}");
        assertThat(settings.targetCredentials(tenant).xrayConfigured()).isTrue();
        assertThat(settings.targetCredentials(tenant).zephyrConfigured()).isTrue();

        String cleared = put("{\"provider\":\"openai\",\"maskingEnabled\":true,\"xrayClientSecret\":\"\","
                + "\"zephyrApiToken\":\"\"}");
        assertThat(cleared).contains("\"xray\":{\"configured\":false}", "\"zephyr\":{\"configured\":false}");
        assertThat(settings.targetCredentials(tenant).xrayClientId()).isEqualTo("XRAYCLIENTID0123456789ABCDEF");
        assertThat(settings.targetCredentials(tenant).xrayClientSecret()).isNull();
        assertThat(settings.targetCredentials(tenant).zephyrApiToken()).isNull();
    }

    @Test
    void aTargetCredentialLongerThanItsColumnIsRefusedWithTheReason() throws Exception {
        mvc.perform(MockMvcRequestBuilders.put("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"provider\":\"none\",\"maskingEnabled\":true,\"zephyrApiToken\":\""
                                + "x".repeat(5_000) + "\"}")
                        .with(authentication(as(ADMIN))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Zephyr API token")));
    }

    @Test
    void anUninstallRemovesTheTargetCredentialsAtOnce() throws Exception {
        put(WITH_TARGET_CREDENTIALS);

        tenants.uninstall(clientKey);

        assertThat(settings.targetCredentials(tenant)).isEqualTo(new TargetCredentials(null, null, null));
        assertThat(stored("xray_client_id_enc") + stored("xray_client_secret_enc") + stored("zephyr_api_token_enc"))
                .isEmpty();
    }
}
