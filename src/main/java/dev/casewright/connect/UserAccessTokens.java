package dev.casewright.connect;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens that let the app call a tenant's product as one of its users ("user
 * impersonation"): an HS256 assertion signed with the tenant's shared secret is exchanged at
 * Atlassian's token endpoint through the OAuth 2.0 JWT bearer grant. Tokens are cached per tenant,
 * user and scope set until a minute before they expire.
 */
@Component
class UserAccessTokens {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String ISSUER_PREFIX = "urn:atlassian:connect:clientid:";
    static final String SUBJECT_PREFIX = "urn:atlassian:connect:useraccountid:";
    // Atlassian accepts assertions that live at most 60 s.
    static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(60);
    // A token handed out just before it expires could die on its way to Jira; ACSB uses the same margin.
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    static final int DEFAULT_CAPACITY = 10_000;

    private static final Logger log = LoggerFactory.getLogger(UserAccessTokens.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    // A token response is a few hundred bytes; reading more only costs memory.
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;
    // RFC 6749 error codes are short lower-case words; anything else in the body is free text we do not repeat.
    private static final Pattern OAUTH_ERROR_CODE = Pattern.compile("[a-z_]{1,40}");

    private final URI tokenUrl;
    private final String audience;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration readTimeout;
    private final int capacity;
    private final RestClient http;
    private final Map<CacheKey, Slot> slots = new ConcurrentHashMap<>();

    @Autowired
    UserAccessTokens(ConnectProperties properties, JsonMapper json) {
        this(properties.oauthTokenUrl(), json, Clock.systemUTC(), CONNECT_TIMEOUT, READ_TIMEOUT, DEFAULT_CAPACITY);
    }

    UserAccessTokens(
            URI tokenUrl, JsonMapper json, Clock clock, Duration connectTimeout, Duration readTimeout, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.tokenUrl = tokenUrl;
        this.audience = origin(tokenUrl);
        this.json = json;
        this.clock = clock;
        this.readTimeout = readTimeout;
        this.capacity = capacity;
        // A redirect would carry the assertion to a host we did not choose.
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(readTimeout);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    /**
     * A token to act as the request's user, from the cache while it has more than a minute left.
     * Concurrent callers for the same tenant, user and scopes wait for one token request rather than
     * each sending their own.
     *
     * @throws UserImpersonationException when the tenant has no OAuth client id, or Atlassian
     *     refuses, fails or answers with something that is not a bearer token
     */
    AccessToken forUser(ImpersonationRequest request) {
        String clientId = request.oauthClientId();
        if (clientId == null || clientId.isBlank()) {
            throw new UserImpersonationException(
                    UserImpersonationException.Reason.NOT_ENABLED_FOR_TENANT,
                    "tenant " + request.tenantKey() + " installed the app without the ACT_AS_USER scope, so it "
                            + "cannot act as a user there; the app must be updated on that site");
        }
        CacheKey key = new CacheKey(request.tenantKey(), request.accountId(), request.scopes());
        while (true) {
            Slot slot = slots.computeIfAbsent(key, k -> new Slot());
            if (slots.size() > capacity) {
                trim(key);
            }
            slot.lock.lock();
            try {
                if (slot.retired) {
                    // forgetTenant or trim removed it while we waited; a token stored there would be lost.
                    continue;
                }
                AccessToken cached = slot.token;
                if (cached != null && fresh(cached, clock.instant())) {
                    return cached;
                }
                AccessToken fresh = fetch(request, clientId);
                slot.token = fresh;
                return fresh;
            } finally {
                slot.lock.unlock();
            }
        }
    }

    /**
     * Drops every cached token of the tenant. Uninstall and re-install must call it, because a
     * re-install brings a new shared secret and OAuth client id that old tokens do not reflect.
     */
    void forgetTenant(String tenantKey) {
        slots.forEach((key, slot) -> {
            if (key.tenantKey().equals(tenantKey)) {
                retire(key, slot);
            }
        });
    }

    private AccessToken fetch(ImpersonationRequest request, String clientId) {
        Instant now = clock.instant();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", GRANT_TYPE);
        form.add("assertion", assertion(request, clientId, now));
        if (!request.scopes().isEmpty()) {
            form.add("scope", request.scopeParameter());
        }
        long started = System.nanoTime();
        try {
            return http.post()
                    .uri(tokenUrl)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .exchangeForRequiredValue(
                            (sent, response) -> read(request.tenantKey(), response, now, millisSince(started)));
        } catch (ResourceAccessException e) {
            long took = millisSince(started);
            boolean timedOut = causedBy(e, HttpTimeoutException.class);
            log.warn(
                    "Token request for tenant {} {} after {} ms",
                    request.tenantKey(),
                    timedOut ? "timed out" : "failed",
                    took);
            // The cause names only the endpoint URL and the I/O failure, never the form body.
            throw new UserImpersonationException(
                    UserImpersonationException.Reason.UNAVAILABLE,
                    timedOut
                            ? "Atlassian's token endpoint did not answer within " + readTimeout.toMillis() + " ms"
                            : "Atlassian's token endpoint could not be reached",
                    e);
        }
    }

    private String assertion(ImpersonationRequest request, String clientId, Instant now) {
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER_PREFIX + clientId)
                .subject(SUBJECT_PREFIX + request.accountId())
                .claim("tnt", request.siteBaseUrl().toString())
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(ASSERTION_LIFETIME)))
                .build();
        return Hs256.sign(claims, request.sharedSecret());
    }

    private AccessToken read(String tenantKey, ConvertibleClientHttpResponse response, Instant requestedAt, long took)
            throws IOException {
        HttpStatusCode status = response.getStatusCode();
        byte[] body = response.getBody().readNBytes(MAX_RESPONSE_BYTES);
        if (status.is2xxSuccessful()) {
            AccessToken token = parse(body, requestedAt, status);
            log.debug("Token issued for tenant {}: HTTP {} in {} ms", tenantKey, status.value(), took);
            return token;
        }
        log.warn("Token request for tenant {} answered HTTP {} in {} ms", tenantKey, status.value(), took);
        int code = status.value();
        if (code == 400 || code == 401 || code == 403) {
            String error = oauthError(body);
            throw new UserImpersonationException(
                    UserImpersonationException.Reason.REFUSED,
                    "Atlassian refused to issue a token for this user (HTTP " + code
                            + "): the app may have been reinstalled or lacks ACT_AS_USER"
                            + (error == null ? "" : " (OAuth error " + error + ")"));
        }
        throw new UserImpersonationException(
                UserImpersonationException.Reason.UNAVAILABLE,
                "Atlassian's token endpoint answered HTTP " + code + "; try again later");
    }

    private AccessToken parse(byte[] body, Instant requestedAt, HttpStatusCode status) {
        JsonNode response;
        try {
            response = json.readTree(body);
        } catch (JacksonException e) {
            // No cause: a parser message may quote the body, and the body may hold a token.
            throw invalid(status, "is not JSON");
        }
        if (response == null || !response.isObject()) {
            throw invalid(status, "is not a JSON object");
        }
        JsonNode token = response.path("access_token");
        if (!token.isString() || token.stringValue().isBlank()) {
            throw invalid(status, "has no access_token");
        }
        JsonNode type = response.path("token_type");
        if (!type.isString() || !"Bearer".equalsIgnoreCase(type.stringValue())) {
            throw invalid(status, "has a token_type other than Bearer");
        }
        JsonNode expiresIn = response.path("expires_in");
        if (!expiresIn.isIntegralNumber() || !expiresIn.canConvertToLong() || expiresIn.longValue() <= 0) {
            throw invalid(status, "has no positive expires_in");
        }
        // Counting from before the request makes the expiry err on the early side.
        return new AccessToken(token.stringValue(), requestedAt.plusSeconds(expiresIn.longValue()));
    }

    private static UserImpersonationException invalid(HttpStatusCode status, String what) {
        return new UserImpersonationException(
                UserImpersonationException.Reason.INVALID_RESPONSE,
                "Atlassian's token endpoint answered HTTP " + status.value() + " with a body that " + what);
    }

    private @Nullable String oauthError(byte[] body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.isString()
                    && OAUTH_ERROR_CODE.matcher(error.stringValue()).matches()) {
                return error.stringValue();
            }
        } catch (JacksonException e) {
            // A refusal without a JSON body is still a refusal; the status says enough.
        }
        return null;
    }

    /**
     * Keeps the cache within its capacity: stale entries go first, then arbitrary ones. The entry
     * being served is kept, so a caller cannot lose the slot it just created.
     */
    private void trim(CacheKey keep) {
        Instant now = clock.instant();
        for (Map.Entry<CacheKey, Slot> entry : slots.entrySet()) {
            if (slots.size() <= capacity) {
                return;
            }
            AccessToken cached = entry.getValue().token;
            if (!entry.getKey().equals(keep) && (cached == null || !fresh(cached, now))) {
                retire(entry.getKey(), entry.getValue());
            }
        }
        for (Map.Entry<CacheKey, Slot> entry : slots.entrySet()) {
            if (slots.size() <= capacity) {
                return;
            }
            if (!entry.getKey().equals(keep)) {
                retire(entry.getKey(), entry.getValue());
            }
        }
    }

    private void retire(CacheKey key, Slot slot) {
        if (slots.remove(key, slot)) {
            slot.retired = true;
        }
    }

    private static boolean fresh(AccessToken token, Instant now) {
        return now.isBefore(token.expiresAt().minus(EXPIRY_MARGIN));
    }

    static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private record CacheKey(String tenantKey, String accountId, Set<String> scopes) {}

    /** One cache entry; its lock makes concurrent callers for the same key share one token request. */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile @Nullable AccessToken token;
        volatile boolean retired;
    }
}
