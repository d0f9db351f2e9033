package dev.casewright.tenancy;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One stub Jira site — and Atlassian's token endpoint — for the whole test run. A server per test
 * class gave each class its own port, hence its own token-endpoint property and its own Spring
 * context; one server lets classes with the same configuration share a context. Classes run one
 * after another, and each test starts from {@link #reset()}.
 */
public final class StubJira {

    public static final WireMockServer SERVER = started();

    private StubJira() {}

    private static WireMockServer started() {
        var server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stub-jira-stop"));
        return server;
    }

    /** Points the application's user-impersonation token endpoint at the stub. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("casewright.connect.oauth-token-url", () -> SERVER.baseUrl() + "/oauth2/token");
    }

    /** Forgets every stub and request, then grants any user an access token. */
    public static WireMockServer reset() {
        SERVER.resetAll();
        SERVER.stubFor(post("/oauth2/token")
                .willReturn(okJson("{\"access_token\":\"user-token\",\"expires_in\":900,\"token_type\":\"Bearer\"}")));
        return SERVER;
    }
}
