package dev.casewright.publishing.targets;

import dev.casewright.publishing.TargetException;
import dev.casewright.publishing.TargetException.Kind;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * How a publishing target's HTTP calls fail, said once for all targets
 * (external-apis-jira-xray-zephyr.md D): statuses become {@link TargetException} kinds a user can
 * act on, reads are retried once on a 5xx, writes never, and a write that was sent but not
 * answered is {@link Kind#OUTCOME_UNKNOWN} so that the publisher looks before it tries again.
 * Messages name the target, the action and the status; never a credential, a token or scenario
 * text, and no response body (a target may echo what we sent).
 */
public final class TargetHttp {

    /** Whether a call may be repeated without changing anything. */
    public enum Call {
        /** A GET or a query: retried once after a 5xx. */
        READ,
        /** Creates or changes something: never retried here. */
        WRITE
    }

    private final String target;
    private final String name;
    private final Clock clock;

    /**
     * @param target the target's name in {@link TargetException#target()} ({@code xray})
     * @param name how messages call it ({@code Xray})
     */
    public TargetHttp(String target, String name) {
        this(target, name, Clock.systemUTC());
    }

    TargetHttp(String target, String name, Clock clock) {
        this.target = target;
        this.name = name;
        this.clock = clock;
    }

    /**
     * A client for one target host with explicit timeouts (the JDK client has no connect timeout by
     * default). HTTP/1.1: the JDK client's cleartext HTTP/2 upgrade of a request with a body can
     * stall on servers that do not take it up, and TLS hosts gain little from HTTP/2 for a handful
     * of calls.
     */
    public static RestClient client(
            RestClient.Builder builder, String baseUrl, Duration connectTimeout, Duration readTimeout) {
        var requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
        requests.setReadTimeout(readTimeout);
        return builder.clone().baseUrl(baseUrl).requestFactory(requests).build();
    }

    public String target() {
        return target;
    }

    /**
     * Runs one request and translates its failure.
     *
     * @param action what the call does, for messages: "create a test case"
     */
    public <T> T call(String action, Call call, Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (HttpServerErrorException e) {
                if (call == Call.READ && attempt == 1) {
                    continue; // a read changes nothing; one more try rides over a blip
                }
                throw failure(action, e);
            } catch (RestClientResponseException e) {
                throw failure(action, e);
            } catch (ResourceAccessException e) {
                throw unanswered(action, call, e);
            } catch (RestClientException e) {
                throw unreadable(action, call);
            }
        }
    }

    /** The target's answer as a {@link TargetException}. */
    /**
     * The target's answer as a {@link TargetException}. The response exception is not kept as the
     * cause: its message holds the response body, which may echo scenario text into a log.
     */
    public TargetException failure(String action, RestClientResponseException e) {
        int status = e.getStatusCode().value();
        return switch (status) {
            case 401 ->
                exception(
                        Kind.CREDENTIALS_REJECTED,
                        name + " rejected the credentials when asked to " + action
                                + " (401). An administrator can check them in Casewright's settings.",
                        null,
                        null);
            case 403 ->
                exception(
                        Kind.PERMISSION_DENIED,
                        name + " denied the permission to " + action
                                + " (403). The user the credentials belong to needs that permission.",
                        null,
                        null);
            case 413 ->
                exception(
                        Kind.TOO_LARGE,
                        name + " refused to " + action + ": the request is too large (413).",
                        null,
                        null);
            case 429 -> {
                Duration retryAfter = retryAfter(e.getResponseHeaders());
                yield exception(
                        Kind.RATE_LIMITED,
                        name + " asked us to slow down when asked to " + action + " (429)"
                                + (retryAfter == null ? "." : "; try again in " + retryAfter.toSeconds() + " s."),
                        retryAfter,
                        null);
            }
            default ->
                status >= 500
                        ? exception(Kind.UNAVAILABLE, name + " failed to " + action + " (" + status + ").", null, null)
                        : rejected(action + " (" + status + ")", null);
        };
    }

    /** The target refused the content, e.g. a 200 whose body carries errors. */
    public TargetException rejected(String what, @Nullable Throwable cause) {
        return exception(Kind.REJECTED, name + " refused to " + what + ".", null, cause);
    }

    public TargetException notConfigured(String what) {
        return exception(
                Kind.NOT_CONFIGURED,
                name + " is not configured for this site: an administrator enters " + what
                        + " in Casewright's settings.",
                null,
                null);
    }

    private TargetException unanswered(String action, Call call, ResourceAccessException e) {
        if (neverSent(e) || call == Call.READ) {
            return exception(Kind.UNAVAILABLE, name + " could not be reached to " + action + ".", null, e);
        }
        return exception(
                Kind.OUTCOME_UNKNOWN,
                name + " did not answer in time when asked to " + action
                        + ": it may or may not have done it. Look before trying again.",
                null,
                e);
    }

    // An answer we cannot read (not the documented JSON): after a write we cannot tell what happened.
    private TargetException unreadable(String action, Call call) {
        return call == Call.READ
                ? exception(
                        Kind.UNAVAILABLE,
                        name + " gave an answer we could not read when asked to " + action + ".",
                        null,
                        null)
                : exception(
                        Kind.OUTCOME_UNKNOWN,
                        name + " gave an answer we could not read when asked to " + action
                                + ": it may or may not have done it. Look before trying again.",
                        null,
                        null);
    }

    // Before anything was sent, nothing can have happened at the target.
    private static boolean neverSent(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException
                    || cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private @Nullable Duration retryAfter(@Nullable HttpHeaders headers) {
        String value = headers == null ? null : headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private TargetException exception(
            Kind kind, String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        return new TargetException(target, kind, message, retryAfter, cause);
    }
}
