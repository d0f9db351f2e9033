package dev.casewright.tenancy;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * What a platform adapter knows after it verified an installation. Connect installations are keyed
 * by {@code clientKey}; the shared secret is encrypted before it is stored.
 */
public record TenantRegistration(
        String clientKey,
        URI siteUrl,
        @Nullable URI displayUrl,
        String productType,
        @Nullable String sharedSecret,
        @Nullable String oauthClientId,
        @Nullable String cloudId,
        @Nullable String installationId,
        @Nullable String entitlementId,
        @Nullable String entitlementNumber) {

    public TenantRegistration {
        if (clientKey.isBlank()) {
            throw new IllegalArgumentException("clientKey must not be blank");
        }
        if (!siteUrl.isAbsolute()) {
            throw new IllegalArgumentException("the site URL must be absolute");
        }
    }
}
