package dev.casewright.generation.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.casewright.Application;
import dev.casewright.generation.MeasuredGeneration;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.TenantId;
import dev.casewright.tenancy.TenantRegistration;
import dev.casewright.tenancy.Tenants;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service on a real port for the generation benchmarks, with everything it talks to
 * played locally: a {@link FixtureJiraServer} that answers at once and a {@link FakeOpenAiServer}
 * with the given latency as the operator's default model ({@code openai-compatible}). Tenants are
 * Connect installations with known shared secrets, so requests carry real context JWTs and go
 * through the security chain as the panel's do. H2 in memory and the dev keyset, as in the tests.
 */
final class BenchmarkedService implements AutoCloseable {

    static final String ISSUE = "BANK-19";
    static final String ACCOUNT_ID = "5b10a2844c20165700ede21g";

    private record Site(String clientKey, String secret, TenantId id) {}

    private final FixtureJiraServer jira = new FixtureJiraServer(ISSUE);
    private final FakeOpenAiServer model;
    private final ConfigurableApplicationContext app;
    private final List<Site> sites = new ArrayList<>();
    private final URI base;

    /**
     * @param virtualThreads {@code spring.threads.virtual.enabled} (the default, true), or false for
     *     Tomcat's platform-thread pool (200)
     * @param tenants how many sites to spread the requests over
     */
    BenchmarkedService(Duration modelLatency, boolean virtualThreads, int tenants) {
        model = new FakeOpenAiServer(modelLatency);
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "ERROR");
        properties.put("spring.threads.virtual.enabled", Boolean.toString(virtualThreads));
        properties.put(
                "spring.datasource.url",
                "jdbc:h2:mem:bench-" + UUID.randomUUID()
                        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
        properties.put("casewright.connect.oauth-token-url", jira.baseUrl() + "/oauth2/token");
        properties.put("casewright.generation.default.provider", "openai-compatible");
        properties.put("casewright.generation.default.model", "fake-model");
        properties.put("casewright.generation.default.base-url", model.baseUrl().toString());
        // The caps protect tenants from each other and the instance from overload; here they would
        // only measure themselves.
        properties.put("casewright.generation.max-concurrent-per-tenant", "5000");
        properties.put("casewright.generation.max-concurrent", "5000");
        // As command-line arguments: they win over application.properties (which turns virtual
        // threads on), where default properties would lose to it.
        app = new SpringApplicationBuilder(Application.class)
                .run(properties.entrySet().stream()
                        .map(property -> "--" + property.getKey() + "=" + property.getValue())
                        .toArray(String[]::new));
        base = URI.create("http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port"));
        Tenants registry = app.getBean(Tenants.class);
        for (int i = 0; i < tenants; i++) {
            String clientKey = "bench-" + UUID.randomUUID();
            String secret = "bench-shared-secret-" + UUID.randomUUID();
            TenantId id = registry.register(new TenantRegistration(
                            clientKey, jira.baseUrl(), null, "jira", secret, "oauth-client", null, null, null, null))
                    .id();
            sites.add(new Site(clientKey, secret, id));
        }
    }

    /** A one-shot JSON generation of {@link #ISSUE} for the n-th tenant (round robin), with a fresh token. */
    HttpRequest generation(int n, int scenarios) {
        Site site = sites.get(Math.floorMod(n, sites.size()));
        String body = "{\"count\": " + scenarios + ", \"attachmentIds\": []}";
        return HttpRequest.newBuilder(base.resolve("/api/issues/" + ISSUE + "/generations"))
                .timeout(Duration.ofMinutes(15))
                .header("Authorization", "JWT " + contextToken(site))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    /** The first tenant's user, for generations without HTTP. */
    HostUser user() {
        return new HostUser(sites.get(0).id(), ACCOUNT_ID);
    }

    MeasuredGeneration generations() {
        return new MeasuredGeneration(app);
    }

    /** A property of the running service, as it resolved it. */
    java.util.Optional<String> property(String name) {
        return java.util.Optional.ofNullable(app.getEnvironment().getProperty(name));
    }

    FakeOpenAiServer model() {
        return model;
    }

    /** What the panel sends: a context token of the site's user ({@code qsh = context-qsh}), HS256. */
    private static String contextToken(Site site) {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(site.clientKey())
                .subject(ACCOUNT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(180)))
                .claim("qsh", "context-qsh")
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(site.secret().getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.close();
        model.close();
        jira.close();
    }
}
