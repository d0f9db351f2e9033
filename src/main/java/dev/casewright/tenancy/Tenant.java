package dev.casewright.tenancy;

import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A Jira site that installed the app.
 *
 * @param siteUrl where API calls go (never the display URL)
 * @param displayUrl where links shown to users point (a custom domain, or the site URL)
 * @param cloudId the Atlassian cloud id, when known
 */
public record Tenant(
        TenantId id,
        URI siteUrl,
        URI displayUrl,
        @Nullable String cloudId,
        String productType,
        TenantState state,
        Instant installedAt,
        @Nullable Instant uninstalledAt) {

    public boolean isActive() {
        return state == TenantState.INSTALLED;
    }
}
