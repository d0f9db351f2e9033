package dev.casewright.publishing.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casewright.publishing.TargetException;
import dev.casewright.publishing.TargetException.Kind;
import dev.casewright.publishing.targets.TargetHttp.Call;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

class TargetHttpTests {

    private final TargetHttp http =
            new TargetHttp("zephyr", "Zephyr", Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aRetryAfterGivenAsAnHttpDateBecomesTheWaitUntilThen() {
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "Thu, 03 Dec 2026 10:00:42 GMT");
        var limited = HttpClientErrorException.create(
                HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", headers, new byte[0], StandardCharsets.UTF_8);

        assertThatThrownBy(() -> http.call("create a test case", Call.WRITE, () -> {
                    throw limited;
                }))
                .isInstanceOfSatisfying(TargetException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(42));
                });
    }

    @Test
    void aReadIsTriedOnceMoreAfterA5xxButAWriteIsNot() {
        var reads = new AtomicInteger();
        var writes = new AtomicInteger();
        var failure = HttpServerErrorException.create(
                HttpStatus.SERVICE_UNAVAILABLE, "Unavailable", new HttpHeaders(), new byte[0], StandardCharsets.UTF_8);

        assertThatThrownBy(() -> http.call("read SHOP-T1", Call.READ, () -> {
                    reads.incrementAndGet();
                    throw failure;
                }))
                .isInstanceOfSatisfying(
                        TargetException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThatThrownBy(() -> http.call("create a test case", Call.WRITE, () -> {
                    writes.incrementAndGet();
                    throw failure;
                }))
                .isInstanceOfSatisfying(
                        TargetException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThat(reads).hasValue(2);
        assertThat(writes).hasValue(1);
    }

    @Test
    void aCreateThatCouldNotConnectIsUnavailableNotAnUnknownOutcome() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RestClient client = TargetHttp.client(
                RestClient.builder(), "http://127.0.0.1:" + closedPort, Duration.ofSeconds(2), Duration.ofSeconds(2));

        assertThatThrownBy(() -> http.call(
                        "create a test case",
                        Call.WRITE,
                        () -> client.post()
                                .uri("/testcases")
                                .body("{}")
                                .retrieve()
                                .toBodilessEntity()))
                .isInstanceOfSatisfying(TargetException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("Zephyr could not be reached to create a test case.");
                });
    }

    @Test
    void anAnswerThatCannotBeReadAfterACreateIsAnUnknownOutcome() {
        assertThatThrownBy(() -> http.call("create a test case", Call.WRITE, () -> {
                    throw new RestClientException("Error while extracting response");
                }))
                .isInstanceOfSatisfying(
                        TargetException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN));
    }
}
