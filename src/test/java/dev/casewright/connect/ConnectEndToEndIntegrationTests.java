package dev.casewright.connect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.casewright.tenancy.Tenants;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole Connect conversation over real HTTP, with one local stub playing Atlassian's key
 * server, Atlassian's OAuth token endpoint and the tenant's Jira: install, panel load, a
 * context-token API call, and the calls that makes into Jira as the app (checked there by
 * Atlassian's own atlassian-jwt) and as the user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class ConnectEndToEndIntegrationTests {

    static final String BASE_URL = "https://casewright-e2e.example.com";
    static final String APP_KEY = "dev.casewright.e2e";
    static final String KEY_ID = "e2e-key";
    static final String ADMIN = "5b10a2844c20165700ede21g";
    static final String NOT_ADMIN = "5b10ac8d82e05b22cc7d4ef5";
    static final KeyPair ATLASSIAN = ConnectJwts.rsaKeyPair();
    static final WireMockServer ATLASSIAN_AND_JIRA =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        ATLASSIAN_AND_JIRA.start();
    }

    @DynamicPropertySource
    static void connect(DynamicPropertyRegistry registry) {
        registry.add("casewright.base-url", () -> BASE_URL);
        registry.add("casewright.connect.app-key", () -> APP_KEY);
        registry.add("casewright.connect.install-keys-url", () -> ATLASSIAN_AND_JIRA.baseUrl() + "/keys");
        registry.add("casewright.connect.oauth-token-url", () -> ATLASSIAN_AND_JIRA.baseUrl() + "/oauth2/token");
        registry.add("casewright.connect.licensing-required", () -> "true");
    }

    @AfterAll
    static void stop() {
        ATLASSIAN_AND_JIRA.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Tenants tenants;

    private final HttpClient http = HttpClient.newHttpClient();
    private String clientKey;
    private String secret;

    @BeforeEach
    void atlassianAndJira() throws Exception {
        var stubs = ATLASSIAN_AND_JIRA;
        stubs.resetAll();
        stubs.stubFor(get("/keys/" + KEY_ID).willReturn(aResponse().withBody(ConnectJwts.pem(ATLASSIAN))));
        stubs.stubFor(
                get("/_edge/tenant_info").willReturn(okJson("{\"cloudId\":\"e2e00000-0000-4000-8000-000000000001\"}")));
        stubs.stubFor(post("/oauth2/token")
                .willReturn(okJson(
                        "{\"access_token\":\"user-access-token-e2e\",\"expires_in\":900,\"token_type\":\"Bearer\"}")));
        stubs.stubFor(get("/rest/atlassian-connect/1/addons/" + APP_KEY)
                .willReturn(
                        okJson("{\"key\":\"" + APP_KEY + "\",\"state\":\"ENABLED\",\"license\":{\"active\":true}}")));
        stubs.stubFor(post("/rest/api/3/permissions/check")
                .withRequestBody(containing("ADMINISTER"))
                .willReturn(okJson("{\"globalPermissions\":[],\"projectPermissions\":[]}")));
        stubs.stubFor(post("/rest/api/3/permissions/check")
                .withHeader("Authorization", equalTo("Bearer user-access-token-e2e"))
                .withRequestBody(containing("ADMINISTER"))
                .atPriority(1)
                .willReturn(okJson("{\"globalPermissions\":[\"ADMINISTER\"],\"projectPermissions\":[]}")));

        clientKey = UUID.randomUUID().toString();
        secret = "e2e-shared-secret-" + UUID.randomUUID();
        String installBody = """
                {"key":"%s","clientKey":"%s","sharedSecret":"%s","baseUrl":"%s","productType":"jira",
                 "eventType":"installed","oauthClientId":"e2e-oauth-client"}
                """.formatted(APP_KEY, clientKey, secret, stubs.baseUrl());
        String installToken = ConnectJwts.rs256(
                ConnectJwts.claims(clientKey)
                        .audience(BASE_URL)
                        .claim("qsh", ConnectJwts.qsh("POST", "/lifecycle/installed", null))
                        .build(),
                ATLASSIAN,
                KEY_ID);
        assertThat(send("POST", "/lifecycle/installed", "JWT " + installToken, installBody)
                        .statusCode())
                .isEqualTo(204);
    }

    private HttpResponse<String> send(
            String method, String pathAndQuery, @Nullable String authorization, @Nullable String json)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String pageToken(String path, String query, String accountId) {
        return ConnectJwts.hs256(
                ConnectJwts.claims(clientKey)
                        .subject(accountId)
                        .claim("qsh", ConnectJwts.qsh("GET", path, query))
                        .build(),
                secret);
    }

    private String contextToken(String accountId) {
        return ConnectJwts.hs256(
                ConnectJwts.claims(clientKey)
                        .subject(accountId)
                        .claim("qsh", "context-qsh")
                        .build(),
                secret);
    }

    @Test
    void installThenPanelThenApiCallReachesJiraAsTheAppAndAsTheUser() throws Exception {
        AtlassianJwtPeer.assumeAvailable();
        String query = "issueKey=SHOP-7&issueId=10007&projectKey=SHOP&lic=active";

        var panel =
                send("GET", "/panel/issue?" + query + "&jwt=" + pageToken("/panel/issue", query, ADMIN), null, null);
        var session = send("GET", "/api/session", "JWT " + contextToken(ADMIN), null);

        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("Casewright is installed");
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body()).contains("\"administrator\":true").contains("\"user\":true");

        // As the app: the licence check carried a Connect JWT that Atlassian's library accepts.
        List<LoggedRequest> licenceChecks =
                ATLASSIAN_AND_JIRA.findAll(getRequestedFor(urlEqualTo("/rest/atlassian-connect/1/addons/" + APP_KEY)));
        assertThat(licenceChecks).hasSize(1);
        String authorization = licenceChecks.get(0).getHeader("Authorization");
        assertThat(authorization).startsWith("JWT ");
        var verification = AtlassianJwtPeer.start()
                .exchange(
                        List.of(),
                        List.of(new AtlassianJwtPeer.VerifyRequest(
                                "GET",
                                licenceChecks.get(0).getAbsoluteUrl(),
                                authorization.substring(4),
                                secret,
                                ATLASSIAN_AND_JIRA.baseUrl())),
                        List.of())
                .verified()
                .get(0);
        assertThat(verification.ok()).as(verification.error()).isTrue();
        assertThat(verification.claims()).containsEntry("iss", APP_KEY).containsEntry("qsh", verification.qsh());
        assertThat(((Number) verification.claims().get("exp")).longValue()
                        - ((Number) verification.claims().get("iat")).longValue())
                .isEqualTo(180);

        // As the user: a bearer token from the JWT bearer grant, asked for that user.
        ATLASSIAN_AND_JIRA.verify(
                1,
                postRequestedFor(urlPathEqualTo("/oauth2/token"))
                        .withRequestBody(
                                containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")));
        ATLASSIAN_AND_JIRA.verify(postRequestedFor(urlEqualTo("/rest/api/3/permissions/check"))
                .withHeader("Authorization", equalTo("Bearer user-access-token-e2e")));
    }

    @Test
    void theIssuePanelRendersInARealBrowserUnderItsOwnContentSecurityPolicy() throws Exception {
        HeadlessChromium.assumeAvailable();
        String query = "issueKey=SHOP-7&issueId=10007&projectKey=SHOP&lic=active";

        var page = HeadlessChromium.load(URI.create("http://localhost:" + port + "/panel/issue?" + query + "&jwt="
                + pageToken("/panel/issue", query, ADMIN)));

        assertThat(page.dom()).contains("Casewright is installed");
        // Our stylesheet and script sources are allowed by the page's policy: the browser reports
        // a violation as "... violates the following Content Security Policy directive ...".
        assertThat(page.log()).doesNotContain("Content Security Policy");
        // And the panel refuses itself to a browser without Jira's token.
        var refused = HeadlessChromium.load(URI.create("http://localhost:" + port + "/panel/issue?" + query));
        assertThat(refused.dom()).doesNotContain("Casewright is installed");
    }

    @Test
    void aStreamedGenerationRunsOverRealHttpAndEndsCleanly(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        // No settings and the operator default "none": the rule-based writer answers, nothing leaves.
        ATLASSIAN_AND_JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SHOP-127"))
                .willReturn(
                        okJson(new org.springframework.core.io.ClassPathResource("fixtures/jira/issues/SHOP-127.json")
                                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8))));
        var request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/issues/SHOP-127/generations"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "JWT " + contextToken(ADMIN))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"attachmentIds\": []}"))
                .build();

        var response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.body()).contains("event:context", "event:scenario", "event:coverage", "event:done");
        assertThat(response.body()).doesNotContain("event:error");
        // The async dispatch that closes the stream passed the security chain without complaint.
        assertThat(output.getAll()).doesNotContain("Access Denied", "already committed", "AccessDeniedException");
    }

    @Test
    void theConfigurationPageIsForJiraAdministratorsOnly() throws Exception {
        // The first user to ask gets an administrator's token, the second an ordinary user's.
        ATLASSIAN_AND_JIRA.stubFor(post("/oauth2/token")
                .inScenario("two users")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("second user")
                .atPriority(1)
                .willReturn(okJson(
                        "{\"access_token\":\"user-access-token-e2e\",\"expires_in\":900,\"token_type\":\"Bearer\"}")));
        ATLASSIAN_AND_JIRA.stubFor(post("/oauth2/token")
                .inScenario("two users")
                .whenScenarioStateIs("second user")
                .atPriority(1)
                .willReturn(
                        okJson("{\"access_token\":\"not-admin-token\",\"expires_in\":900,\"token_type\":\"Bearer\"}")));
        String query = "lic=active";

        var admin = send(
                "GET", "/admin/configure?" + query + "&jwt=" + pageToken("/admin/configure", query, ADMIN), null, null);
        var notAdmin = send(
                "GET",
                "/admin/configure?" + query + "&jwt=" + pageToken("/admin/configure", query, NOT_ADMIN),
                null,
                null);

        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("Configuration");
        assertThat(notAdmin.statusCode()).isEqualTo(403);
        assertThat(notAdmin.body()).contains("Only Jira administrators");
    }

    @Test
    void anUnlicensedSiteSeesAMessageInThePanelAndA402FromTheApi() throws Exception {
        ATLASSIAN_AND_JIRA.stubFor(get("/rest/atlassian-connect/1/addons/" + APP_KEY)
                .atPriority(1)
                .willReturn(
                        okJson("{\"key\":\"" + APP_KEY + "\",\"state\":\"ENABLED\",\"license\":{\"active\":false}}")));
        String query = "issueKey=SHOP-7&lic=none";

        var panel =
                send("GET", "/panel/issue?" + query + "&jwt=" + pageToken("/panel/issue", query, ADMIN), null, null);
        var api = send("GET", "/api/session", "JWT " + contextToken(ADMIN), null);

        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("no active licence");
        assertThat(api.statusCode()).isEqualTo(402);
        assertThat(api.body()).contains("/problems/licence-required");
    }

    @Test
    void theDescriptorEnablesLicensingWhenItIsRequired() throws Exception {
        var descriptor = send("GET", "/atlassian-connect.json", null, null);

        assertThat(descriptor.body()).contains("\"enableLicensing\":true").contains("\"key\":\"" + APP_KEY + "\"");
    }
}
