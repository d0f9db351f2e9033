package dev.casewright.connect;

import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who to act as, on which site, with which scopes.
 *
 * @param tenantKey the tenant's id; tokens are cached per tenant and forgotten together
 * @param siteBaseUrl the tenant's {@code baseUrl} from the installed payload (the assertion's {@code tnt})
 * @param oauthClientId from the installed payload; absent when the app was installed without the
 *     {@code ACT_AS_USER} scope
 * @param sharedSecret the tenant's shared secret, which signs the assertion
 * @param accountId the Atlassian account to act as
 * @param scopes Connect scope names such as {@code READ} and {@code WRITE}, in any case; held
 *     upper-cased and sorted, which is how Atlassian expects them and how the cache compares them
 */
record ImpersonationRequest(
        String tenantKey,
        URI siteBaseUrl,
        @Nullable String oauthClientId,
        String sharedSecret,
        String accountId,
        Set<String> scopes) {

    // Scope names are single tokens (OAuth 2.0 scope-token syntax); a space would split one in two.
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_:.-]+");

    ImpersonationRequest {
        requireText(tenantKey, "tenantKey");
        Objects.requireNonNull(siteBaseUrl, "siteBaseUrl");
        if (!siteBaseUrl.isAbsolute()) {
            throw new IllegalArgumentException("siteBaseUrl must be absolute");
        }
        Objects.requireNonNull(sharedSecret, "sharedSecret");
        requireText(accountId, "accountId");
        Objects.requireNonNull(scopes, "scopes");
        SortedSet<String> normalised = new TreeSet<>();
        for (String scope : scopes) {
            if (scope == null || !SCOPE.matcher(scope).matches()) {
                throw new IllegalArgumentException("scope names must be single words such as READ or WRITE");
            }
            normalised.add(scope.toUpperCase(Locale.ROOT));
        }
        scopes = Collections.unmodifiableSortedSet(normalised);
    }

    /** The {@code scope} form parameter: upper-case names separated by single spaces. */
    String scopeParameter() {
        return String.join(" ", scopes);
    }

    private static void requireText(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return "ImpersonationRequest[tenantKey=" + tenantKey + ", siteBaseUrl=" + siteBaseUrl + ", oauthClientId="
                + oauthClientId + ", sharedSecret=<redacted>, accountId=" + accountId + ", scopes=" + scopes + "]";
    }
}
