package dev.casewright.connect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.casewright.tenancy.TenantState;
import dev.casewright.tenancy.Tenants;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signed install over real HTTP: Atlassian's RS256 token, its key from a local stub key server,
 * and every forgery we could think of answered with 401 or 403 and nothing written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LifecycleIntegrationTests {

    static final String BASE_URL = "https://casewright.example.com";
    static final String APP_KEY = "dev.casewright.lifecycle-test";
    static final String KEY_ID = "lifecycle-test/key-1";

    static final KeyPair ATLASSIAN = ConnectJwts.rsaKeyPair();
    static final KeyPair STRANGER = ConnectJwts.rsaKeyPair();
    static final WireMockServer STUBS =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        STUBS.start();
    }

    @DynamicPropertySource
    static void connect(DynamicPropertyRegistry registry) {
        registry.add("casewright.base-url", () -> BASE_URL);
        registry.add("casewright.connect.app-key", () -> APP_KEY);
        registry.add("casewright.connect.install-keys-url", () -> STUBS.baseUrl() + "/keys");
    }

    @AfterAll
    static void stopStubs() {
        STUBS.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Tenants tenants;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A tenant that installed properly before each forgery tries to take it over. */
    private String victim;

    private String site;

    @BeforeEach
    void stubsAndVictim() throws Exception {
        STUBS.resetAll();
        STUBS.stubFor(get("/keys/" + KEY_ID)
                .willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody(ConnectJwts.pem(ATLASSIAN))));
        STUBS.stubFor(get("/keys/missing").willReturn(aResponse().withStatus(404)));
        STUBS.stubFor(get("/keys/broken").willReturn(aResponse().withStatus(503)));
        STUBS.stubFor(
                get("/_edge/tenant_info").willReturn(okJson("{\"cloudId\":\"0b3a5c1e-7d2f-4e8a-9c6b-1f2e3d4c5b6a\"}")));
        site = STUBS.baseUrl();
        victim = UUID.randomUUID().toString();
        assertThat(install(victim, installToken(victim), body(victim, "original-secret-0123456789abcdef"))
                        .statusCode())
                .isEqualTo(204);
        // The cloudId arrives in the background; let it land before tests compare snapshots.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tenants.findByClientKey(victim).orElseThrow().cloudId() != null);
    }

    // --- requests ------------------------------------------------------------------------------

    private String body(String clientKey, String secret) {
        return """
                {"key":"%s","clientKey":"%s","sharedSecret":"%s","baseUrl":"%s","displayUrl":"%s",
                 "productType":"jira","description":"Atlassian JIRA","eventType":"installed",
                 "oauthClientId":"oauth-%s","serverVersion":"100264","pluginsVersion":"1001.0.0"}
                """.formatted(APP_KEY, clientKey, secret, site, site, clientKey.substring(0, 8));
    }

    private static JWTClaimsSet.Builder installClaims(String clientKey, String path) {
        return ConnectJwts.claims(clientKey).audience(BASE_URL).claim("qsh", ConnectJwts.qsh("POST", path, null));
    }

    private static String installToken(String clientKey) {
        return ConnectJwts.rs256(
                installClaims(clientKey, "/lifecycle/installed").build(), ATLASSIAN, KEY_ID);
    }

    private HttpResponse<String> install(String clientKey, @Nullable String token, String body)
            throws IOException, InterruptedException {
        return post("/lifecycle/installed", token == null ? null : "JWT " + token, body);
    }

    private HttpResponse<String> post(String pathAndQuery, @Nullable String authorization, String body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private byte[] storedSecret(String clientKey) {
        return jdbc.queryForObject(
                "select shared_secret_enc from tenant where client_key = ?", byte[].class, clientKey);
    }

    // --- the happy path ------------------------------------------------------------------------

    @Test
    void aValidSignedInstallStoresTheTenantWithItsSecretEncrypted() throws Exception {
        String clientKey = UUID.randomUUID().toString();

        var response =
                install(clientKey, installToken(clientKey), body(clientKey, "fresh-secret-0123456789abcdefghij"));

        assertThat(response.statusCode()).isEqualTo(204);
        var tenant = tenants.findByClientKey(clientKey).orElseThrow();
        assertThat(tenant.state()).isEqualTo(TenantState.INSTALLED);
        assertThat(tenant.siteUrl()).isEqualTo(URI.create(site));
        assertThat(tenants.sharedSecret(tenant.id())).contains("fresh-secret-0123456789abcdefghij");
        assertThat(new String(storedSecret(clientKey), StandardCharsets.ISO_8859_1))
                .doesNotContain("fresh-secret");
    }

    @Test
    void theCloudIdIsLookedUpAfterTheInstall() {
        var tenant = tenants.findByClientKey(victim).orElseThrow();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(tenants.find(tenant.id()).orElseThrow().cloudId())
                                .isEqualTo("0b3a5c1e-7d2f-4e8a-9c6b-1f2e3d4c5b6a"));
    }

    @Test
    void aVerifiedReinstallOverwritesTheSecretAndKeepsTheTenant() throws Exception {
        var before = tenants.findByClientKey(victim).orElseThrow();

        var response = install(victim, installToken(victim), body(victim, "rotated-secret-0123456789abcdefgh"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(tenants.findByClientKey(victim).orElseThrow().id()).isEqualTo(before.id());
        assertThat(tenants.sharedSecret(before.id())).contains("rotated-secret-0123456789abcdefgh");
    }

    @Test
    void theInstallKeyIsFetchedOncePerKeyId() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        install(first, installToken(first), body(first, "s1-0123456789abcdefghijklmnopqrst"));
        install(second, installToken(second), body(second, "s2-0123456789abcdefghijklmnopqrst"));

        // The victim's install in @BeforeEach may have been the one that filled the cache.
        STUBS.verify(
                com.github.tomakehurst.wiremock.client.WireMock.lessThanOrExactly(1),
                getRequestedFor(urlEqualTo("/keys/" + KEY_ID)));
        assertThat(tenants.findByClientKey(second)).isPresent();
    }

    @Test
    void aVerifiedUninstallRemovesTheSecretAndSchedulesDeletion() throws Exception {
        var tenant = tenants.findByClientKey(victim).orElseThrow();
        String token = ConnectJwts.rs256(
                installClaims(victim, "/lifecycle/uninstalled").build(), ATLASSIAN, KEY_ID);

        var response = post("/lifecycle/uninstalled", "JWT " + token, body(victim, "ignored"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(tenants.find(tenant.id()).orElseThrow().state()).isEqualTo(TenantState.UNINSTALLED);
        assertThat(tenants.sharedSecret(tenant.id())).isEmpty();
        Instant deleteAfter = jdbc.queryForObject(
                        "select delete_after from tenant where id = ?",
                        java.sql.Timestamp.class,
                        tenant.id().value())
                .toInstant();
        assertThat(deleteAfter)
                .isBetween(
                        Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
    }

    @Test
    void anUninstallOfAnUnknownSiteIsAcceptedAndChangesNothing() throws Exception {
        String stranger = UUID.randomUUID().toString();
        String token = ConnectJwts.rs256(
                installClaims(stranger, "/lifecycle/uninstalled").build(), ATLASSIAN, KEY_ID);

        var response = post("/lifecycle/uninstalled", "JWT " + token, body(stranger, "ignored"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(tenants.findByClientKey(stranger)).isEmpty();
    }

    // --- forgeries -----------------------------------------------------------------------------

    /** A forged install: who it claims to be, and the request it sends. */
    record Forgery(String name, Function<LifecycleIntegrationTests, Attempt> attempt) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Attempt(String pathAndQuery, @Nullable String authorization, String clientKeyInBody) {}

    private Attempt reinstallWith(@Nullable String token) {
        return new Attempt("/lifecycle/installed", token == null ? null : "JWT " + token, victim);
    }

    private Attempt reinstallWithClaims(Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> change) {
        return reinstallWith(ConnectJwts.rs256(
                change.apply(installClaims(victim, "/lifecycle/installed")).build(), ATLASSIAN, KEY_ID));
    }

    private static Forgery forgery(String name, Function<LifecycleIntegrationTests, Attempt> attempt) {
        return new Forgery(name, attempt);
    }

    static Stream<Arguments> forgeries() {
        long now = Instant.now().getEpochSecond();
        return Stream.of(
                        forgery("no token at all", t -> t.reinstallWith(null)),
                        forgery(
                                "audience is another app",
                                t -> t.reinstallWithClaims(c -> c.audience("https://evil.example.com"))),
                        forgery("audience missing", t -> t.reinstallWithClaims(c -> c.audience((String) null))),
                        forgery(
                                "audience is our URL with a path",
                                t -> t.reinstallWithClaims(c -> c.audience(BASE_URL + "/x"))),
                        forgery("issuer is another site", t -> t.reinstallWithClaims(c -> c.issuer("another-site"))),
                        forgery("issuer missing", t -> t.reinstallWithClaims(c -> c.issuer(null))),
                        forgery("qsh missing", t -> t.reinstallWithClaims(c -> c.claim("qsh", null))),
                        forgery(
                                "qsh of another path",
                                t -> t.reinstallWithClaims(
                                        c -> c.claim("qsh", ConnectJwts.qsh("POST", "/lifecycle/uninstalled", null)))),
                        forgery(
                                "qsh of a GET",
                                t -> t.reinstallWithClaims(
                                        c -> c.claim("qsh", ConnectJwts.qsh("GET", "/lifecycle/installed", null)))),
                        forgery("context qsh", t -> t.reinstallWithClaims(c -> c.claim("qsh", "context-qsh"))),
                        forgery(
                                "expired an hour ago",
                                t -> t.reinstallWithClaims(c -> c.issueTime(new Date((now - 3780) * 1000))
                                        .expirationTime(new Date((now - 3600) * 1000)))),
                        forgery(
                                "expired beyond the leeway",
                                t -> t.reinstallWithClaims(c -> c.expirationTime(new Date((now - 31) * 1000)))),
                        forgery(
                                "issued in the future",
                                t -> t.reinstallWithClaims(c -> c.issueTime(new Date((now + 600) * 1000))
                                        .expirationTime(new Date((now + 780) * 1000)))),
                        forgery(
                                "not valid before a future time",
                                t -> t.reinstallWithClaims(c -> c.notBeforeTime(new Date((now + 600) * 1000)))),
                        forgery("no expiry", t -> t.reinstallWithClaims(c -> c.expirationTime(null))),
                        forgery("no issue time", t -> t.reinstallWithClaims(c -> c.issueTime(null))),
                        forgery(
                                "signed by another RSA key under Atlassian's key id",
                                t -> t.reinstallWith(ConnectJwts.rs256(
                                        installClaims(t.victim, "/lifecycle/installed")
                                                .build(),
                                        STRANGER,
                                        KEY_ID))),
                        forgery(
                                "unknown key id",
                                t -> t.reinstallWith(ConnectJwts.rs256(
                                        installClaims(t.victim, "/lifecycle/installed")
                                                .build(),
                                        ATLASSIAN,
                                        "missing"))),
                        forgery(
                                "key server down",
                                t -> t.reinstallWith(ConnectJwts.rs256(
                                        installClaims(t.victim, "/lifecycle/installed")
                                                .build(),
                                        ATLASSIAN,
                                        "broken"))),
                        forgery(
                                "key id escaping the key server path",
                                t -> t.reinstallWith(ConnectJwts.rs256(
                                        installClaims(t.victim, "/lifecycle/installed")
                                                .build(),
                                        ATLASSIAN,
                                        "../admin"))),
                        forgery(
                                "key id that is a URL",
                                t -> t.reinstallWith(ConnectJwts.rs256(
                                        installClaims(t.victim, "/lifecycle/installed")
                                                .build(),
                                        ATLASSIAN,
                                        "https://evil.example.com/key"))),
                        forgery(
                                "HS256 with the old shared secret",
                                t -> t.reinstallWith(ConnectJwts.hs256(
                                        installClaims(t.victim, "/lifecycle/installed")
                                                .build(),
                                        "original-secret-0123456789abcdef"))),
                        forgery(
                                "HS256 keyed with Atlassian's public key",
                                t -> t.reinstallWith(ConnectJwts.hs256(
                                        installClaims(t.victim, "/lifecycle/installed")
                                                .build(),
                                        ConnectJwts.pem(ATLASSIAN)))),
                        forgery(
                                "alg none",
                                t -> t.reinstallWith(new PlainJWT(
                                                new PlainHeader(),
                                                installClaims(t.victim, "/lifecycle/installed")
                                                        .build())
                                        .serialize())),
                        forgery(
                                "RS512 instead of RS256",
                                t -> t.reinstallWith(ConnectJwts.rs256(
                                        installClaims(t.victim, "/lifecycle/installed")
                                                .build(),
                                        ATLASSIAN,
                                        KEY_ID,
                                        JWSAlgorithm.RS512))),
                        forgery(
                                "PS256 instead of RS256",
                                t -> t.reinstallWith(ConnectJwts.rs256(
                                        installClaims(t.victim, "/lifecycle/installed")
                                                .build(),
                                        ATLASSIAN,
                                        KEY_ID,
                                        JWSAlgorithm.PS256))),
                        forgery("signature stripped", t -> {
                            String token = installToken(t.victim);
                            return t.reinstallWith(token.substring(0, token.lastIndexOf('.') + 1));
                        }),
                        forgery("payload swapped under a valid signature", t -> {
                            String[] parts = installToken(t.victim).split("\\.");
                            String other = installToken("someone-else").split("\\.")[1];
                            return t.reinstallWith(parts[0] + "." + other + "." + parts[2]);
                        }),
                        forgery(
                                "tampered body naming another clientKey",
                                t -> new Attempt(
                                        "/lifecycle/installed", "JWT " + installToken("attacker-site"), t.victim)),
                        forgery(
                                "oversize token",
                                t -> t.reinstallWithClaims(c -> c.claim("padding", "x".repeat(3_500)))),
                        forgery("garbage token", t -> t.reinstallWith("not.a.jwt")),
                        forgery(
                                "token in the query instead of the header",
                                t -> new Attempt("/lifecycle/installed?jwt=" + installToken(t.victim), null, t.victim)),
                        forgery(
                                "token in the query and the header",
                                t -> new Attempt(
                                        "/lifecycle/installed?jwt=" + installToken(t.victim),
                                        "JWT " + installToken(t.victim),
                                        t.victim)),
                        forgery(
                                "Bearer scheme",
                                t -> new Attempt("/lifecycle/installed", "Bearer " + installToken(t.victim), t.victim)),
                        forgery("base64 garbage in the signature", t -> {
                            String token = installToken(t.victim);
                            return t.reinstallWith(token.substring(0, token.lastIndexOf('.') + 1)
                                    + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[256]));
                        }))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aForgedInstallIsRefusedAndWritesNothing(Forgery forgery) throws Exception {
        var before = tenants.findByClientKey(victim).orElseThrow();
        byte[] secretBefore = storedSecret(victim);
        int rowsBefore = jdbc.queryForObject("select count(*) from tenant", Integer.class);
        Attempt attempt = forgery.attempt().apply(this);

        var response = post(
                attempt.pathAndQuery(),
                attempt.authorization(),
                body(attempt.clientKeyInBody(), "attacker-secret-0123456789abcdefgh"));

        assertThat(response.statusCode()).isIn(401, 403);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("eyJ", "attacker-secret");
        assertThat(storedSecret(victim)).isEqualTo(secretBefore);
        assertThat(tenants.sharedSecret(before.id())).contains("original-secret-0123456789abcdef");
        assertThat(tenants.findByClientKey(victim)).contains(before);
        assertThat(jdbc.queryForObject("select count(*) from tenant", Integer.class))
                .isEqualTo(rowsBefore);
    }

    @Test
    void aSignedInstallNamingASiteOutsideAtlassianIsRefused() throws Exception {
        String clientKey = UUID.randomUUID().toString();
        String body = body(clientKey, "secret-0123456789abcdefghijklmnopq")
                .replace("\"baseUrl\":\"" + site + "\"", "\"baseUrl\":\"http://169.254.169.254\"");

        var response = install(clientKey, installToken(clientKey), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("/problems/lifecycle-payload-invalid");
        assertThat(tenants.findByClientKey(clientKey)).isEmpty();
    }

    @Test
    void aRefusedInstallTellsJiraWhichAuthenticationIsExpected() throws Exception {
        var response = install(victim, null, body(victim, "x"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("JWT realm=\"" + APP_KEY + "\"");
    }

    @Test
    void aForgedUninstallLeavesTheTenantInstalled() throws Exception {
        var tenant = tenants.findByClientKey(victim).orElseThrow();
        String hs256 = ConnectJwts.hs256(
                installClaims(victim, "/lifecycle/uninstalled").build(), "original-secret-0123456789abcdef");

        var response = post("/lifecycle/uninstalled", "JWT " + hs256, body(victim, "ignored"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(tenants.find(tenant.id()).orElseThrow().state()).isEqualTo(TenantState.INSTALLED);
        assertThat(tenants.sharedSecret(tenant.id())).contains("original-secret-0123456789abcdef");
    }
}
