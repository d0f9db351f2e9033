package dev.casewright.connect;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.Tenant;
import dev.casewright.tenancy.TenantState;
import dev.casewright.tenancy.Tenants;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Verifies the tokens Jira sends us (connect-protocol.md sections 3 to 6):
 *
 * <ul>
 *   <li>install and uninstall callbacks: RS256, signed by Atlassian with a key from the install key
 *       server, audience = our base URL, qsh of this request required;
 *   <li>every other call: HS256 with the issuing tenant's shared secret, and a qsh that binds it to
 *       this method, path and query, or the fixed {@code context-qsh} of a context token, which
 *       only the JSON API accepts.
 * </ul>
 *
 * Every rejection is a {@link JwtRejectedException} whose message names the failed check only.
 */
@Component
class ConnectTokenVerifier {

    static final String CONTEXT_QSH = "context-qsh";
    static final Duration LEEWAY = Duration.ofSeconds(30);
    // Real tokens are well under 2 KiB; anything this big is an attack on the parser.
    static final int MAX_TOKEN_CHARS = 4 * 1024;

    private final InstallKeys installKeys;
    private final Tenants tenants;
    private final ConnectProperties properties;
    private final Clock clock;

    @Autowired
    ConnectTokenVerifier(InstallKeys installKeys, Tenants tenants, ConnectProperties properties) {
        this(installKeys, tenants, properties, Clock.systemUTC());
    }

    ConnectTokenVerifier(InstallKeys installKeys, Tenants tenants, ConnectProperties properties, Clock clock) {
        this.installKeys = installKeys;
        this.tenants = tenants;
        this.properties = properties;
        this.clock = clock;
    }

    /** The request a token has to match: method, raw path and raw query as received. */
    record Request(String method, String rawPath, @Nullable String rawQuery, String contextPath) {

        String queryStringHash() {
            return CanonicalRequest.queryStringHash(method, rawPath, rawQuery, contextPath);
        }

        String path() {
            return rawPath.substring(contextPath.length());
        }

        boolean isJsonApi() {
            return path().startsWith("/api/");
        }

        boolean isEnableOrDisableCallback() {
            return "/lifecycle/enabled".equals(path()) || "/lifecycle/disabled".equals(path());
        }
    }

    /** Verifies an install or uninstall callback and returns the clientKey Atlassian vouched for. */
    String verifyInstall(String token, Request request) {
        SignedJWT jwt = parse(token);
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new JwtRejectedException("install token algorithm must be RS256");
        }
        String keyId = jwt.getHeader().getKeyID();
        if (keyId == null || keyId.isBlank()) {
            throw new JwtRejectedException("install token has no key id");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(installKeys.key(keyId)))) {
                throw new JwtRejectedException("install token signature does not verify");
            }
        } catch (JOSEException e) {
            throw new JwtRejectedException("install token signature could not be checked", e);
        }
        JWTClaimsSet claims = claims(jwt);
        checkTimes(claims);
        List<String> audience = claims.getAudience();
        if (audience.isEmpty()
                || !sameBaseUrl(audience.get(0), properties.baseUrl().toString())) {
            throw new JwtRejectedException("install token audience is not our base URL");
        }
        String issuer = claims.getIssuer();
        if (issuer == null || issuer.isBlank()) {
            throw new JwtRejectedException("install token has no issuer");
        }
        checkQsh(claims, request, false);
        return issuer;
    }

    /** Verifies a page load, webhook, lifecycle or API call signed with a tenant's shared secret. */
    ConnectAuthentication verifyRequest(String token, Request request, @Nullable String licence) {
        SignedJWT jwt = parse(token);
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new JwtRejectedException("token algorithm must be HS256");
        }
        String clientKey = unverifiedIssuer(jwt);
        Tenant tenant = tenants.findByClientKey(clientKey)
                .filter(found -> found.state() != TenantState.UNINSTALLED)
                .orElseThrow(() -> new JwtRejectedException("token issuer is not an installed tenant"));
        if (tenant.state() == TenantState.DISABLED && !request.isEnableOrDisableCallback()) {
            throw new JwtRejectedException("the app is disabled on this site");
        }
        String secret = tenants.sharedSecret(tenant.id())
                .orElseThrow(() -> new JwtRejectedException("tenant has no shared secret"));
        JWTClaimsSet claims = Hs256.verify(jwt, secret);
        checkTimes(claims);
        boolean context = checkQsh(claims, request, request.isJsonApi());
        var caller = new HostUser(tenant.id(), accountId(claims));
        return new ConnectAuthentication(
                caller,
                clientKey,
                context ? ConnectAuthentication.Kind.CONTEXT : ConnectAuthentication.Kind.REQUEST,
                context ? null : licence);
    }

    private static SignedJWT parse(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new JwtRejectedException("token is too large");
        }
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new JwtRejectedException("token is not a signed JWT");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new JwtRejectedException("token claims are not a JSON object");
        }
    }

    private static String unverifiedIssuer(SignedJWT jwt) {
        // Only used to find whose secret to verify with; nothing else is trusted before that.
        String issuer = claims(jwt).getIssuer();
        if (issuer == null || issuer.isBlank()) {
            throw new JwtRejectedException("token has no issuer");
        }
        return issuer;
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        Date issued = claims.getIssueTime();
        if (expires == null || issued == null) {
            throw new JwtRejectedException("token must carry exp and iat");
        }
        if (!now.isBefore(expires.toInstant().plus(LEEWAY))) {
            throw new JwtRejectedException("token has expired");
        }
        if (issued.toInstant().isAfter(now.plus(LEEWAY))) {
            throw new JwtRejectedException("token was issued in the future");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now.plus(LEEWAY))) {
            throw new JwtRejectedException("token is not valid yet");
        }
    }

    /** @return whether the token is a context token (only where {@code contextAllowed}) */
    private static boolean checkQsh(JWTClaimsSet claims, Request request, boolean contextAllowed) {
        Object qsh = claims.getClaim("qsh");
        if (!(qsh instanceof String value) || value.isBlank()) {
            throw new JwtRejectedException("token has no qsh");
        }
        if (CONTEXT_QSH.equals(value)) {
            if (!contextAllowed) {
                throw new JwtRejectedException("a context token is only accepted by the JSON API");
            }
            return true;
        }
        if (!value.equals(request.queryStringHash())) {
            throw new JwtRejectedException("token qsh does not match this request");
        }
        return false;
    }

    private static @Nullable String accountId(JWTClaimsSet claims) {
        Object context = claims.getClaim("context");
        if (context instanceof Map<?, ?> map
                && map.get("user") instanceof Map<?, ?> user
                && user.get("accountId") instanceof String accountId
                && !accountId.isBlank()) {
            return accountId;
        }
        return claims.getSubject();
    }

    private static boolean sameBaseUrl(String a, String b) {
        return stripSlash(a).equals(stripSlash(b));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
