package dev.casewright.generation.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible chat-completions endpoint for the benchmarks: it answers the plan call with
 * a plan of as many scenarios as the prompt asks for (at most 8) and the expand call with the
 * Gherkin steps of 8 scenarios, canned and of realistic size, after a fixed latency. The reply is
 * scheduled, not slept: a waiting call holds no thread, so a thousand concurrent calls cost a
 * thousand open sockets and nothing else (its capacity is checked by {@link
 * GenerationThroughput} before every run).
 *
 * <p>Run on its own ({@code main}, port as the first argument) it serves the evaluation command
 * as provider {@code openai-compatible}, to check the command's model path without a key.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    private static final Pattern COUNT = Pattern.compile("Write at most (\\d+) scenarios");
    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpServer server;
    private final ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-model-replies");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Duration latency;
    private final AtomicLong calls = new AtomicLong();

    public FakeOpenAiServer(Duration latency) {
        this(latency, 0);
    }

    FakeOpenAiServer(Duration latency, int port) {
        this.latency = latency;
        server = LocalHttpServers.create("fake-model", port);
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        Duration latency = args.length > 1 ? Duration.parse(args[1]) : Duration.ZERO;
        new FakeOpenAiServer(latency, port);
        System.out.println("Fake OpenAI-compatible model on http://127.0.0.1:" + port + "/v1, latency " + latency);
    }

    /** The base URL a client appends {@code /chat/completions} to. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** From now on, answer after this long (the throughput harness warms up without latency). */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    /** Chat-completion calls answered so far. */
    public long calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String request;
        try (var body = exchange.getRequestBody()) {
            request = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        calls.incrementAndGet();
        byte[] reply = reply(request).getBytes(StandardCharsets.UTF_8);
        Duration wait = latency;
        if (wait.isZero()) {
            send(exchange, reply);
        } else {
            replies.schedule(() -> send(exchange, reply), wait.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static void send(HttpExchange exchange, byte[] reply) {
        try (exchange;
                OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            out.write(reply);
        } catch (IOException e) {
            // The caller gave up (timed out); nothing to answer.
        }
    }

    static String reply(String request) {
        String content;
        if (request.contains("Plan a test suite")) {
            Matcher count = COUNT.matcher(request);
            content = CannedSuite.plan(count.find() ? Math.min(8, Integer.parseInt(count.group(1))) : 8);
        } else {
            content = CannedSuite.expansion();
        }
        ObjectNode completion = JSON.createObjectNode();
        completion.put("id", "chatcmpl-bench");
        completion.put("object", "chat.completion");
        completion.put("created", 1767225600);
        completion.put("model", "fake-model");
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        choice.put("finish_reason", "stop");
        // About four characters a token, as the OpenAI tokenizers give for English prose.
        ObjectNode usage = completion.putObject("usage");
        usage.put("prompt_tokens", request.length() / 4);
        usage.put("completion_tokens", content.length() / 4);
        usage.put("total_tokens", request.length() / 4 + content.length() / 4);
        return JSON.writeValueAsString(completion);
    }

    @Override
    public void close() {
        server.stop(0);
        replies.shutdownNow();
    }
}
