package dev.casewright.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.casewright.tenancy.Tenant;
import dev.casewright.tenancy.TenantRegistration;
import dev.casewright.tenancy.TenantState;
import dev.casewright.tenancy.Tenants;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Page loads, server-to-server calls and context tokens signed with a tenant's shared secret,
 * over real HTTP so the query string reaches the verifier exactly as Jira sends it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "casewright.connect.app-key=" + InboundJwtIntegrationTests.APP_KEY)
@ExtendWith(OutputCaptureExtension.class)
class InboundJwtIntegrationTests {

    static final String APP_KEY = "dev.casewright.inbound-test";
    static final String SECRET = "inbound-shared-secret-0123456789abcdefghij";
    static final String PANEL_QUERY =
            "issueKey=SHOP-42&issueId=10042&projectKey=SHOP&lic=none&cp=%2Fjira&xdm_e=https%3A%2F%2Fsite.atlassian.net&cv=1001.0.0";

    @LocalServerPort
    int port;

    @Autowired
    Tenants tenants;

    @Autowired
    ConnectDescriptor descriptor;

    private final HttpClient http = HttpClient.newHttpClient();
    private String clientKey;
    private Tenant tenant;

    @BeforeEach
    void installedTenant() {
        clientKey = UUID.randomUUID().toString();
        tenant = tenants.register(new TenantRegistration(
                clientKey,
                URI.create("https://" + clientKey.substring(0, 8) + ".atlassian.net"),
                null,
                "jira",
                SECRET,
                null,
                "c0ffee00-0000-4000-8000-000000000000",
                null,
                null,
                null));
    }

    private JWTClaimsSet.Builder claims(String method, String path, @Nullable String query) {
        return ConnectJwts.claims(clientKey)
                .subject("5b10a2844c20165700ede21g")
                .claim("qsh", ConnectJwts.qsh(method, path, query));
    }

    private String token(String method, String path, @Nullable String query) {
        return ConnectJwts.hs256(claims(method, path, query).build(), SECRET);
    }

    private String contextToken() {
        return ConnectJwts.hs256(
                ConnectJwts.claims(clientKey)
                        .subject("5b10a2844c20165700ede21g")
                        .claim("qsh", "context-qsh")
                        .build(),
                SECRET);
    }

    private HttpResponse<String> get(String pathAndQuery, @Nullable String authorization)
            throws IOException, InterruptedException {
        return send("GET", pathAndQuery, authorization, null);
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

    private String panelUrl(String token) {
        return "/panel/issue?" + PANEL_QUERY + "&jwt=" + token;
    }

    // --- accepted ------------------------------------------------------------------------------

    @Test
    void aPageLoadWithAValidIframeTokenGetsThePanelFramedOnlyByJira() throws Exception {
        var response = get(panelUrl(token("GET", "/panel/issue", PANEL_QUERY)), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors https://*.atlassian.net"));
        assertThat(response.headers().allValues("Content-Security-Policy")).hasSize(1);
        assertThat(response.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(response.body()).contains("Casewright is installed");
    }

    @Test
    void theJwtParameterMayComeAnywhereInTheQuery() throws Exception {
        String token = token("GET", "/panel/issue", PANEL_QUERY);

        var response = get("/panel/issue?jwt=" + token + "&" + PANEL_QUERY, null);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aContextTokenIsAcceptedByTheJsonApi() throws Exception {
        var response = get("/api/does-not-exist-yet", "JWT " + contextToken());

        // Authenticated: the answer is the API's own 404, not the chain's 401.
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void aServerToServerCallWithAQshBoundTokenInTheHeaderIsAccepted() throws Exception {
        var response = get("/api/does-not-exist-yet?x=1", "JWT " + token("GET", "/api/does-not-exist-yet", "x=1"));

        assertThat(response.statusCode()).isEqualTo(404);
    }

    // --- refused -------------------------------------------------------------------------------

    private void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("JWT realm=\"" + APP_KEY + "\"");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("eyJ");
    }

    @Test
    void aContextTokenCannotLoadAPage() throws Exception {
        assertRefused(get(panelUrl(contextToken()), null));
    }

    @Test
    void aContextTokenCannotCallALifecycleEndpoint() throws Exception {
        assertRefused(
                send("POST", "/lifecycle/disabled", "JWT " + contextToken(), "{\"clientKey\":\"" + clientKey + "\"}"));
    }

    @Test
    void aTokenForAnotherPageIsRefused() throws Exception {
        assertRefused(get(panelUrl(token("GET", "/admin/configure", PANEL_QUERY)), null));
    }

    @Test
    void aChangedQueryParameterIsRefused() throws Exception {
        String token = token("GET", "/panel/issue", PANEL_QUERY);

        assertRefused(get("/panel/issue?" + PANEL_QUERY.replace("lic=none", "lic=active") + "&jwt=" + token, null));
    }

    @Test
    void anAddedQueryParameterIsRefused() throws Exception {
        String token = token("GET", "/panel/issue", PANEL_QUERY);

        assertRefused(get(panelUrl(token) + "&admin=true", null));
    }

    @Test
    void anotherMethodIsRefused() throws Exception {
        String token = token("GET", "/api/does-not-exist-yet", null);

        assertRefused(send("DELETE", "/api/does-not-exist-yet", "JWT " + token, null));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
        String forged =
                ConnectJwts.hs256(claims("GET", "/panel/issue", PANEL_QUERY).build(), SECRET + "x");

        assertRefused(get(panelUrl(forged), null));
    }

    @Test
    void aTokenFromAnUnknownIssuerIsRefused() throws Exception {
        String forged = ConnectJwts.hs256(
                claims("GET", "/panel/issue", PANEL_QUERY)
                        .issuer("unknown-site")
                        .build(),
                SECRET);

        assertRefused(get(panelUrl(forged), null));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        String expired = ConnectJwts.hs256(
                claims("GET", "/panel/issue", PANEL_QUERY)
                        .issueTime(Date.from(past))
                        .expirationTime(Date.from(past.plusSeconds(180)))
                        .build(),
                SECRET);

        assertRefused(get(panelUrl(expired), null));
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() throws Exception {
        Instant future = Instant.now().plus(Duration.ofMinutes(10));
        String early = ConnectJwts.hs256(
                claims("GET", "/panel/issue", PANEL_QUERY)
                        .issueTime(Date.from(future))
                        .expirationTime(Date.from(future.plusSeconds(180)))
                        .build(),
                SECRET);

        assertRefused(get(panelUrl(early), null));
    }

    @Test
    void aTokenWithoutQshIsRefused() throws Exception {
        String token = ConnectJwts.hs256(
                claims("GET", "/panel/issue", PANEL_QUERY).claim("qsh", null).build(), SECRET);

        assertRefused(get(panelUrl(token), null));
    }

    @Test
    void anRs256TokenIsRefusedOutsideInstallCallbacks() throws Exception {
        String token = ConnectJwts.rs256(
                claims("GET", "/panel/issue", PANEL_QUERY).build(),
                ConnectJwts.rsaKeyPair(),
                "kid",
                JWSAlgorithm.RS256);

        assertRefused(get(panelUrl(token), null));
    }

    @Test
    void aTokenInBothTheHeaderAndTheQueryIsRefused() throws Exception {
        String token = token("GET", "/panel/issue", PANEL_QUERY);

        assertRefused(get(panelUrl(token), "JWT " + token));
    }

    @Test
    void twoJwtParametersAreRefused() throws Exception {
        String token = token("GET", "/panel/issue", PANEL_QUERY);

        assertRefused(get(panelUrl(token) + "&jwt=" + token, null));
    }

    @Test
    void anUninstalledTenantsTokensAreRefused() throws Exception {
        String token = token("GET", "/panel/issue", PANEL_QUERY);
        tenants.uninstall(clientKey);

        assertRefused(get(panelUrl(token), null));
    }

    @Test
    void rejectedTokensAreNeverLogged(CapturedOutput output) throws Exception {
        String forged =
                ConnectJwts.hs256(claims("GET", "/panel/issue", PANEL_QUERY).build(), "wrong-secret-0123456789abcdef");

        assertRefused(get(panelUrl(forged), null));

        assertThat(output).contains("Rejected a Connect token on GET /panel/issue");
        assertThat(output).doesNotContain(forged).doesNotContain(forged.substring(0, 30));
    }

    // --- enable and disable ----------------------------------------------------------------------

    @Test
    void aDisabledSiteIsRefusedUntilItIsEnabledAgain() throws Exception {
        String body = "{\"clientKey\":\"" + clientKey + "\",\"eventType\":\"disabled\"}";

        var disabled = send("POST", "/lifecycle/disabled", "JWT " + token("POST", "/lifecycle/disabled", null), body);
        var pageWhileDisabled = get(panelUrl(token("GET", "/panel/issue", PANEL_QUERY)), null);
        var enabled = send(
                "POST",
                "/lifecycle/enabled",
                "JWT " + token("POST", "/lifecycle/enabled", null),
                body.replace("disabled", "enabled"));
        var pageAfterwards = get(panelUrl(token("GET", "/panel/issue", PANEL_QUERY)), null);

        assertThat(disabled.statusCode()).isEqualTo(204);
        assertRefused(pageWhileDisabled);
        assertThat(enabled.statusCode()).isEqualTo(204);
        assertThat(tenants.find(tenant.id()).orElseThrow().state()).isEqualTo(TenantState.INSTALLED);
        assertThat(pageAfterwards.statusCode()).isEqualTo(200);
    }

    @Test
    void anEnableEventNamingAnotherSiteIsForbidden() throws Exception {
        var response = send(
                "POST",
                "/lifecycle/disabled",
                "JWT " + token("POST", "/lifecycle/disabled", null),
                "{\"clientKey\":\"another-site\",\"eventType\":\"disabled\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(tenants.find(tenant.id()).orElseThrow().state()).isEqualTo(TenantState.INSTALLED);
    }

    // --- tokens made by Atlassian's own atlassian-jwt ----------------------------------------------

    @Test
    void pageLoadsSignedByAtlassiansLibraryAreAcceptedAndTheirMutationsRefused() throws Exception {
        AtlassianJwtPeer.assumeAvailable();
        String base = "http://localhost:" + port;
        List<String> queries = List.of(
                "issueKey=SHOP-42&lic=none",
                "issueKey=SHOP-42&projectKey=SHOP&issueId=10042&cp=%2Fjira&xdm_e=https%3A%2F%2Fsite.atlassian.net",
                "q=some+spaces+in+this&star=connect*&tilde=in+%7E3+days",
                "ids=10%2C2%2C20&ids=-1&ids=1",
                "director=%E5%AE%AE%E5%B4%8E+%E9%A7%BF&empty=&flag",
                "rfc=%24-_.%2B%21*%27%28%29%2C&A=A&a=a&B=B&b=b");
        long now = Instant.now().getEpochSecond();
        var requests = queries.stream()
                .map(query -> new AtlassianJwtPeer.SignRequest(
                        "GET",
                        base + "/panel/issue?" + query,
                        SECRET,
                        clientKey,
                        "557058:0a1b2c3d",
                        now,
                        now + 180,
                        base,
                        false))
                .toList();
        var signed = AtlassianJwtPeer.start()
                .exchange(requests, List.of(), List.of())
                .signed();

        for (int i = 0; i < queries.size(); i++) {
            String query = queries.get(i);
            String token = signed.get(i).token();
            assertThat(get("/panel/issue?" + query + "&jwt=" + token, null).statusCode())
                    .as(query)
                    .isEqualTo(200);
            assertRefused(get("/panel/issue?" + query + "&extra=1&jwt=" + token, null));
            assertRefused(get("/panel/issuE?" + query + "&jwt=" + token, null));
        }
    }

    // --- what Atlassian's security checker does ---------------------------------------------------

    @Test
    void everyUrlInTheDescriptorCalledWithoutATokenAnswersAtLeast400() throws Exception {
        List<ConnectDescriptor.Route> routes = descriptor.routes();
        assertThat(routes).isNotEmpty();
        for (ConnectDescriptor.Route route : routes) {
            var response = send(
                    route.method().name(),
                    route.path(),
                    null,
                    "POST".equals(route.method().name()) ? "{}" : null);

            assertThat(response.statusCode()).as(route.declaredAt()).isGreaterThanOrEqualTo(400);
        }
    }

    @Test
    void everyUrlInTheDescriptorRefusesAnotherTenantsToken() throws Exception {
        String stranger = UUID.randomUUID().toString();
        tenants.register(new TenantRegistration(
                stranger,
                URI.create("https://stranger.atlassian.net"),
                null,
                "jira",
                "stranger-secret-0123456789abcdef",
                null,
                null,
                null,
                null,
                null));
        for (ConnectDescriptor.Route route : descriptor.routes()) {
            String forged = ConnectJwts.hs256(
                    ConnectJwts.claims(clientKey)
                            .claim("qsh", ConnectJwts.qsh(route.method().name(), route.path(), null))
                            .build(),
                    "stranger-secret-0123456789abcdef");

            var response = send(
                    route.method().name(),
                    route.path(),
                    "JWT " + forged,
                    "POST".equals(route.method().name()) ? "{}" : null);

            assertThat(response.statusCode()).as(route.declaredAt()).isGreaterThanOrEqualTo(400);
        }
    }
}
