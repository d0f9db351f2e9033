package dev.casewright.connect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.ProductApi;
import dev.casewright.tenancy.Tenant;
import dev.casewright.tenancy.TenantRegistration;
import dev.casewright.tenancy.Tenants;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Calls into a tenant's Jira (a local stub): signed as the app, or authorised as a user. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ConnectProductApiIntegrationTests {

    static final String APP_KEY = "dev.casewright.outbound-test";
    static final WireMockServer JIRA =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        JIRA.start();
    }

    @DynamicPropertySource
    static void connect(DynamicPropertyRegistry registry) {
        registry.add("casewright.connect.app-key", () -> APP_KEY);
        registry.add("casewright.connect.oauth-token-url", () -> JIRA.baseUrl() + "/oauth2/token");
    }

    @AfterAll
    static void stop() {
        JIRA.stop();
    }

    @Autowired
    ProductApi jira;

    @Autowired
    Tenants tenants;

    private String clientKey;

    @BeforeEach
    void stubJira() {
        JIRA.resetAll();
        JIRA.stubFor(WireMock.any(anyUrl()).willReturn(okJson("{}")));
        clientKey = UUID.randomUUID().toString();
    }

    private Tenant install(String sitePath, String secret) {
        return tenants.register(new TenantRegistration(
                clientKey,
                URI.create(JIRA.baseUrl() + sitePath),
                null,
                "jira",
                secret,
                "oauth-client",
                null,
                null,
                null,
                null));
    }

    private JWTClaimsSet verifiedAppToken(LoggedRequest request, String secret) throws Exception {
        String authorization = request.getHeader("Authorization");
        assertThat(authorization).startsWith("JWT ");
        return Hs256.verify(SignedJWT.parse(authorization.substring(4)), secret);
    }

    @Test
    void asTheAppEveryRequestCarriesAJwtBoundToItsMethodPathAndQuery() throws Exception {
        Tenant tenant = install("", "outbound-secret-0123456789abcdefghij");

        jira.asApp(tenant.id())
                .get()
                .uri("/rest/api/3/issue/{key}?fields=summary,description&expand=names", "SHOP-1")
                .retrieve()
                .toBodilessEntity();

        LoggedRequest sent = JIRA.findAll(getRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-1")))
                .get(0);
        JWTClaimsSet claims = verifiedAppToken(sent, "outbound-secret-0123456789abcdefghij");
        URI url = URI.create(sent.getAbsoluteUrl());
        assertThat(claims.getIssuer()).isEqualTo(APP_KEY);
        assertThat(claims.getClaim("qsh"))
                .isEqualTo(CanonicalRequest.queryStringHash("GET", url.getRawPath(), url.getRawQuery(), ""));
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isEqualTo(180_000);
        assertThat(sent.getHeader("User-Agent")).contains(APP_KEY);
    }

    @Test
    void aSiteUnderAContextPathIsSignedRelativeToIt() throws Exception {
        Tenant tenant = install("/jira", "context-path-secret-0123456789abcdef");

        jira.asApp(tenant.id())
                .post()
                .uri("/rest/api/3/issue")
                .body("{}")
                .retrieve()
                .toBodilessEntity();

        LoggedRequest sent = JIRA.findAll(WireMock.postRequestedFor(urlPathEqualTo("/jira/rest/api/3/issue")))
                .get(0);
        assertThat(verifiedAppToken(sent, "context-path-secret-0123456789abcdef")
                        .getClaim("qsh"))
                .isEqualTo(CanonicalRequest.queryStringHash("POST", "/rest/api/3/issue", null, ""));
    }

    @Test
    void aReinstallWithANewSecretIsUsedForTheNextCall() throws Exception {
        Tenant tenant = install("", "first-secret-0123456789abcdefghijkl");
        var client = jira.asApp(tenant.id());
        install("", "second-secret-0123456789abcdefghijk");

        client.get().uri("/rest/api/3/myself").retrieve().toBodilessEntity();

        LoggedRequest sent = JIRA.findAll(getRequestedFor(urlPathEqualTo("/rest/api/3/myself")))
                .get(0);
        assertThat(verifiedAppToken(sent, "second-secret-0123456789abcdefghijk").getIssuer())
                .isEqualTo(APP_KEY);
    }

    @Test
    void asAUserRequestsCarryTheUsersBearerToken() {
        Tenant tenant = install("", "user-secret-0123456789abcdefghijklm");
        JIRA.stubFor(post("/oauth2/token")
                .willReturn(
                        okJson("{\"access_token\":\"token-for-user\",\"expires_in\":900,\"token_type\":\"Bearer\"}")));

        jira.asUser(new HostUser(tenant.id(), "5b10a2844c20165700ede21g"))
                .get()
                .uri("/rest/api/3/myself")
                .retrieve()
                .toBodilessEntity();

        JIRA.verify(getRequestedFor(urlPathEqualTo("/rest/api/3/myself"))
                .withHeader("Authorization", WireMock.equalTo("Bearer token-for-user")));
    }

    @Test
    void aRefusedUserTokenIsAClearErrorAndJiraIsNotCalled() {
        Tenant tenant = install("", "refused-secret-0123456789abcdefghij");
        JIRA.stubFor(post("/oauth2/token")
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_grant\"}")));

        assertThatThrownBy(() -> jira.asUser(new HostUser(tenant.id(), "5b10a2844c20165700ede21g"))
                        .get()
                        .uri("/rest/api/3/myself")
                        .retrieve()
                        .toBodilessEntity())
                .isInstanceOf(UserImpersonationException.class)
                .hasMessageContaining("refused")
                .hasMessageNotContaining("refused-secret");
        JIRA.verify(0, getRequestedFor(urlPathEqualTo("/rest/api/3/myself")));
    }

    @Test
    void anUninstalledSiteCannotBeCalled() {
        Tenant tenant = install("", "gone-secret-0123456789abcdefghijklm");
        tenants.uninstall(clientKey);

        assertThatThrownBy(() -> jira.asApp(tenant.id())).isInstanceOf(ConnectProductApi.NotCallableException.class);
    }

    @Test
    void actingAsAUserNeedsAUser() {
        Tenant tenant = install("", "no-user-secret-0123456789abcdefghij");

        assertThatThrownBy(() -> jira.asUser(new HostUser(tenant.id(), null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
