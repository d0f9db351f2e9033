package dev.casewright.connect;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An install or uninstall callback whose RS256 token Atlassian signed. Only proves who sent it
 * ({@code iss}, the clientKey); the lifecycle handler still checks that the body speaks for the
 * same clientKey.
 */
final class InstallAuthentication extends AbstractAuthenticationToken {

    private final String clientKey;

    InstallAuthentication(String clientKey) {
        super(List.of(new SimpleGrantedAuthority("ROLE_ATLASSIAN_INSTALL")));
        this.clientKey = clientKey;
        setAuthenticated(true);
    }

    @Override
    public String getPrincipal() {
        return clientKey;
    }

    @Override
    public @Nullable Object getCredentials() {
        return null;
    }
}
