package dev.casewright.generation.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Jira site for the benchmarks that answers at once: the user-impersonation token endpoint and
 * {@code GET /rest/api/3/issue/{key}} with the fixture issue of that key (Jira REST v3 shape, from
 * {@code src/test/resources/fixtures/jira/issues}). A plain JDK server with a thread per request,
 * so a thousand concurrent generations do not queue here.
 */
final class FixtureJiraServer implements AutoCloseable {

    private static final byte[] TOKEN =
            "{\"access_token\":\"bench-user-token\",\"expires_in\":900,\"token_type\":\"Bearer\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final Map<String, byte[]> issues = new ConcurrentHashMap<>();

    FixtureJiraServer() {
        server = LocalHttpServers.create("fake-jira", 0);
        server.createContext("/oauth2/token", exchange -> send(exchange, 200, TOKEN));
        server.createContext("/rest/api/3/issue/", this::issue);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void issue(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestURI().getPath().substring("/rest/api/3/issue/".length());
        byte[] issue =
                key.matches("[A-Z][A-Z0-9]*-[0-9]+") ? issues.computeIfAbsent(key, FixtureJiraServer::fixture) : null;
        if (issue == null || issue.length == 0) {
            send(
                    exchange,
                    404,
                    "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"]}"
                            .getBytes(StandardCharsets.UTF_8));
        } else {
            send(exchange, 200, issue);
        }
    }

    private static byte[] fixture(String key) {
        try (InputStream in = FixtureJiraServer.class.getResourceAsStream("/fixtures/jira/issues/" + key + ".json")) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (exchange;
                InputStream request = exchange.getRequestBody();
                OutputStream out = exchange.getResponseBody()) {
            request.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
