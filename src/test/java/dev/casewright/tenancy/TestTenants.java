package dev.casewright.tenancy;

import java.net.URI;
import java.util.UUID;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Tenants for integration tests: a new site whose Jira is a local stub, and the authenticated
 * caller a platform adapter would establish for one of its users.
 */
public final class TestTenants {

    private TestTenants() {}

    /** Registers a new site with a shared secret and an OAuth client id (so users can be impersonated). */
    public static TenantId newSite(Tenants tenants, URI site) {
        String clientKey = UUID.randomUUID().toString();
        return tenants.register(new TenantRegistration(
                        clientKey,
                        site,
                        null,
                        "jira",
                        "test-secret-" + clientKey,
                        "oauth-client",
                        null,
                        null,
                        null,
                        null))
                .id();
    }

    /** What the security chain hands controllers for this user (or the site itself, without one). */
    public static Authentication caller(HostUser user) {
        var token = new TestingAuthenticationToken(user, null, "ROLE_TENANT", "ROLE_USER");
        token.setAuthenticated(true);
        return token;
    }
}
