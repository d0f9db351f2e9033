package dev.casewright.connect;

import dev.casewright.tenancy.HostUser;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request Jira vouched for with a verified token. The principal is the platform-neutral
 * {@link HostUser}; the token itself is not kept.
 *
 * @param licence the {@code lic} query parameter of a page load (covered by the verified qsh)
 */
final class ConnectAuthentication extends AbstractAuthenticationToken {

    enum Kind {
        /** An iframe page load or a server-to-server call whose qsh binds it to this request. */
        REQUEST,
        /** A context token from {@code AP.context.getToken()}: valid only on the JSON API. */
        CONTEXT
    }

    private final HostUser caller;
    private final String clientKey;
    private final Kind kind;
    private final @Nullable String licence;

    ConnectAuthentication(HostUser caller, String clientKey, Kind kind, @Nullable String licence) {
        super(
                caller.hasUser()
                        ? List.of(new SimpleGrantedAuthority("ROLE_TENANT"), new SimpleGrantedAuthority("ROLE_USER"))
                        : List.of(new SimpleGrantedAuthority("ROLE_TENANT")));
        this.caller = caller;
        this.clientKey = clientKey;
        this.kind = kind;
        this.licence = licence;
        setAuthenticated(true);
    }

    @Override
    public HostUser getPrincipal() {
        return caller;
    }

    @Override
    public @Nullable Object getCredentials() {
        return null;
    }

    String clientKey() {
        return clientKey;
    }

    Kind kind() {
        return kind;
    }

    @Nullable
    String licence() {
        return licence;
    }
}
