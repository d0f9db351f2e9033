package dev.casewright.connect;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.ProductApi;
import dev.casewright.tenancy.Tenant;
import dev.casewright.tenancy.TenantId;
import dev.casewright.tenancy.TenantState;
import dev.casewright.tenancy.Tenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Connect's way to call a tenant's Jira (connect-protocol.md section 7): as the app with an HS256
 * JWT whose qsh binds it to the exact request, made per request with the tenant's latest secret;
 * as a user with an OAuth 2.0 bearer token from the JWT bearer grant.
 */
@Component
class ConnectProductApi implements ProductApi {

    static final Duration APP_TOKEN_LIFETIME = Duration.ofSeconds(180);
    // What the app may do as a user; ACT_AS_USER is what allows asking, not a scope to ask for.
    static final Set<String> USER_SCOPES = Set.of("READ", "WRITE");

    private final Tenants tenants;
    private final UserAccessTokens userTokens;
    private final ConnectProperties properties;
    private final RestClient.Builder clients;
    private final Clock clock = Clock.systemUTC();

    ConnectProductApi(
            Tenants tenants, UserAccessTokens userTokens, ConnectProperties properties, RestClient.Builder clients) {
        this.tenants = tenants;
        this.userTokens = userTokens;
        this.properties = properties;
        // The JDK client has no connect timeout by default, and follows no redirects (as we want).
        var requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(properties.readTimeout());
        this.clients = clients.clone().requestFactory(requests).defaultHeader(HttpHeaders.USER_AGENT, userAgent());
    }

    @Override
    public RestClient asApp(TenantId id) {
        Tenant tenant = activeTenant(id);
        String basePath = basePath(tenant.siteUrl());
        ClientHttpRequestInterceptor signing = (request, body, execution) -> {
            String secret = tenants.sharedSecret(id).orElseThrow(() -> new NotCallableException(id));
            request.getHeaders()
                    .set(
                            HttpHeaders.AUTHORIZATION,
                            "JWT " + appToken(request.getMethod().name(), request.getURI(), basePath, secret));
            return execution.execute(request, body);
        };
        return clients.clone()
                .baseUrl(tenant.siteUrl().toString())
                .requestInterceptor(signing)
                .build();
    }

    @Override
    public RestClient asUser(HostUser user) {
        if (!user.hasUser()) {
            throw new IllegalArgumentException("acting as a user needs a user; this call came from the site itself");
        }
        Tenant tenant = activeTenant(user.tenant());
        ClientHttpRequestInterceptor bearer = (request, body, execution) -> {
            String secret =
                    tenants.sharedSecret(user.tenant()).orElseThrow(() -> new NotCallableException(user.tenant()));
            AccessToken token = userTokens.forUser(new ImpersonationRequest(
                    user.tenant().value(),
                    tenant.siteUrl(),
                    tenants.oauthClientId(user.tenant()).orElse(null),
                    secret,
                    user.accountId(),
                    USER_SCOPES));
            request.getHeaders().setBearerAuth(token.value());
            return execution.execute(request, body);
        };
        return clients.clone()
                .baseUrl(tenant.siteUrl().toString())
                .requestInterceptor(bearer)
                .build();
    }

    String appToken(String method, URI uri, String basePath, String secret) {
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(properties.appKey())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(APP_TOKEN_LIFETIME)))
                .claim("qsh", CanonicalRequest.queryStringHash(method, uri.getRawPath(), uri.getRawQuery(), basePath))
                .build();
        return Hs256.sign(claims, secret);
    }

    private Tenant activeTenant(TenantId id) {
        return tenants.find(id)
                .filter(tenant -> tenant.state() != TenantState.UNINSTALLED)
                .orElseThrow(() -> new NotCallableException(id));
    }

    private static String basePath(URI siteUrl) {
        String path = siteUrl.getRawPath();
        return path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
    }

    private String userAgent() {
        return "Casewright (" + properties.appKey() + ")";
    }

    /** The tenant is unknown or uninstalled, so nobody may call its Jira in its name. */
    static class NotCallableException extends IllegalStateException {
        NotCallableException(TenantId id) {
            super("tenant " + id + " is not installed; its Jira cannot be called");
        }
    }
}
