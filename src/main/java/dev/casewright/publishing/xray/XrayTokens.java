package dev.casewright.publishing.xray;

import dev.casewright.publishing.targets.TargetHttp;
import dev.casewright.publishing.targets.TargetHttp.Call;
import dev.casewright.settings.TargetCredentials;
import dev.casewright.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Xray's authentication tokens, one per tenant and API key, kept in memory for less than their
 * 24 hours (B.1). A new key gets a new token at once because the key's digest is part of the
 * cache key; tokens are never logged or stored.
 */
class XrayTokens {

    private static final int REMEMBERED = 10_000;

    private record Key(TenantId tenant, String credentialsDigest) {}

    private record Token(String value, Instant until) {
        @Override
        public String toString() {
            return "Token[until=" + until + "]";
        }
    }

    private final RestClient xray;
    private final TargetHttp http;
    private final XrayProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<Key, Token> tokens = new ConcurrentHashMap<>();

    XrayTokens(RestClient xray, TargetHttp http, XrayProperties properties, JsonMapper json, Clock clock) {
        this.xray = xray;
        this.http = http;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** A token for the key: the remembered one while it is young enough, else a new one. */
    String token(TenantId tenant, TargetCredentials credentials) {
        Token known = tokens.get(key(tenant, credentials));
        if (known != null && known.until().isAfter(clock.instant())) {
            return known.value();
        }
        return fresh(tenant, credentials);
    }

    /** Authenticates now and remembers the token; a 401 here means Xray refuses the key itself. */
    String fresh(TenantId tenant, TargetCredentials credentials) {
        String body = http.call(
                "authenticate with the API key",
                Call.READ,
                () -> xray.post()
                        .uri("/api/v2/authenticate")
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN)
                        .body(Map.of(
                                "client_id", Objects.requireNonNull(credentials.xrayClientId()),
                                "client_secret", Objects.requireNonNull(credentials.xrayClientSecret())))
                        .retrieve()
                        .body(String.class));
        String token = unquoted(body);
        if (tokens.size() >= REMEMBERED) {
            tokens.clear();
        }
        tokens.put(key(tenant, credentials), new Token(token, clock.instant().plus(properties.tokenLifetime())));
        return token;
    }

    /** Forgets a token Xray no longer accepts (unless another request replaced it meanwhile). */
    void forget(TenantId tenant, TargetCredentials credentials, String token) {
        tokens.computeIfPresent(
                key(tenant, credentials), (key, known) -> known.value().equals(token) ? null : known);
    }

    // Xray answers with the JWT as a JSON string: "eyJ...".
    private String unquoted(String body) {
        if (body == null || body.isBlank()) {
            throw http.rejected("authenticate: the answer held no token", null);
        }
        String token;
        try {
            token = body.strip().startsWith("\"") ? json.readValue(body, String.class) : body.strip();
        } catch (JacksonException e) {
            throw http.rejected("authenticate: the answer was not a token", null);
        }
        if (token == null || token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
            throw http.rejected("authenticate: the answer was not a token", null);
        }
        return token;
    }

    private static Key key(TenantId tenant, TargetCredentials credentials) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(credentials.xrayClientId()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(String.valueOf(credentials.xrayClientSecret()).getBytes(StandardCharsets.UTF_8));
            return new Key(tenant, HexFormat.of().formatHex(digest.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
