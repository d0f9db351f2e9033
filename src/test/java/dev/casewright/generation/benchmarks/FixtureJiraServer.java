package dev.casewright.generation.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A Jira site for the benchmarks that answers at once: the user-impersonation token endpoint and
 * {@code GET /rest/api/3/issue/{key}} with the fixture issue of that key (Jira REST v3 shape, from
 * {@code src/test/resources/fixtures/jira/issues}). WireMock (Jetty) with enough container threads
 * for a thousand concurrent generations and no request journal (it would grow without bound).
 */
final class FixtureJiraServer implements AutoCloseable {

    private final WireMockServer server = new WireMockServer(options()
            .dynamicPort()
            .bindAddress("127.0.0.1")
            .containerThreads(400)
            .jettyAcceptQueueSize(4096)
            .disableRequestJournal());

    FixtureJiraServer(String... issues) {
        server.start();
        server.stubFor(post("/oauth2/token")
                .willReturn(okJson(
                        "{\"access_token\":\"bench-user-token\",\"expires_in\":900,\"token_type\":\"Bearer\"}")));
        for (String key : issues) {
            server.stubFor(get(urlPathEqualTo("/rest/api/3/issue/" + key)).willReturn(okJson(fixture(key))));
        }
    }

    URI baseUrl() {
        return URI.create(server.baseUrl());
    }

    private static String fixture(String key) {
        try (InputStream in = FixtureJiraServer.class.getResourceAsStream("/fixtures/jira/issues/" + key + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture issue " + key);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
