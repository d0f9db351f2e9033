package dev.casewright.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.casewright.settings.SettingsChanges;
import dev.casewright.settings.TenantSettings;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.TenantId;
import dev.casewright.tenancy.Tenants;
import dev.casewright.tenancy.TestTenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One stub server playing the tenant's Jira, Xray Cloud (under {@code /xray}) and Zephyr Scale
 * (under {@code /zephyr/v2}) for all publishing-target tests, which share one Spring context
 * because they share this configuration. Reads time out after two seconds so that a slow answer is
 * quick to test.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
public abstract class TargetStubs {

    protected static final WireMockServer STUBS =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    protected static final String ACCOUNT = "5b10a2844c20165700ede21g";
    protected static final String XRAY_CLIENT_ID = "0A1B2C3D4E5F60718293A4B5C6D7E8F9";
    protected static final String XRAY_CLIENT_SECRET = "xray-client-secret-5f4e3d2c1b0a";
    protected static final String ZEPHYR_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.zephyr-token-canary.c2ln";

    static {
        // Started once for every subclass (they share the context that points at it); the JVM
        // ends it with the test run.
        STUBS.start();
        warmUp();
    }

    // The stub server's first answer can take longer than the short read timeout while its
    // classes load; one request before any test takes that time out of the tests.
    private static void warmUp() {
        try {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(STUBS.baseUrl() + "/__admin/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        registry.add("casewright.connect.oauth-token-url", () -> STUBS.baseUrl() + "/oauth2/token");
        registry.add("casewright.xray.base-url", () -> STUBS.baseUrl() + "/xray");
        registry.add("casewright.xray.read-timeout", () -> "PT2S");
        registry.add("casewright.zephyr.base-url", () -> STUBS.baseUrl() + "/zephyr/v2");
        registry.add("casewright.zephyr.read-timeout", () -> "PT2S");
    }

    @Autowired
    protected Tenants tenants;

    @Autowired
    protected TenantSettings settings;

    @Autowired
    protected List<PublishingTarget> targets;

    protected TenantId tenant;
    protected HostUser user;
    protected Story story;

    /** Longer than the read timeout the stubs are configured with. */
    protected static final int SLOWER_THAN_THE_READ_TIMEOUT = 3_500;

    @BeforeEach
    void aSiteWithCredentials() {
        STUBS.resetAll();
        STUBS.stubFor(post("/oauth2/token")
                .willReturn(okJson("{\"access_token\":\"user-token\",\"expires_in\":900,\"token_type\":\"Bearer\"}")));
        tenant = TestTenants.newSite(tenants, URI.create(STUBS.baseUrl()));
        user = new HostUser(tenant, ACCOUNT);
        story = new Story("SHOP-12", "10012", "SHOP", "10000", URI.create(STUBS.baseUrl()));
        credentials(XRAY_CLIENT_ID, XRAY_CLIENT_SECRET, ZEPHYR_TOKEN);
    }

    /** Stores credentials as an administrator would; {@code ""} removes one, {@code null} keeps it. */
    protected void credentials(
            @Nullable String xrayClientId, @Nullable String xrayClientSecret, @Nullable String zephyrToken) {
        settings.update(user, SettingsChanges.targetCredentials(xrayClientId, xrayClientSecret, zephyrToken));
    }

    protected PublishingTarget target(String name) {
        return targets.stream()
                .filter(target -> target.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** A scenario as the publisher hands it to targets. */
    protected static ScenarioToPublish scenario(String id, String title) {
        String scenario = """
                @checkout @smoke
                Scenario: %s
                  Given a cart with 2 items
                  When the shopper pays by card
                  Then the order is confirmed
                """.formatted(title);
        return new ScenarioToPublish(
                id,
                title,
                "Checkout",
                "en",
                List.of("@checkout", "@smoke"),
                scenario,
                "Feature: Checkout\n\n" + scenario.indent(2),
                "fp-" + id);
    }

    /** The steps the targets store for {@link #scenario}. */
    protected static final String STEPS =
            "Given a cart with 2 items\nWhen the shopper pays by card\nThen the order is confirmed\n";
}
