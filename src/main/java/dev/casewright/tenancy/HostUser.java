package dev.casewright.tenancy;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling: a tenant and, when the platform told us, the Atlassian account acting in it.
 * Controllers get it with {@code @AuthenticationPrincipal HostUser caller}; no module but the
 * platform adapters knows how it was established.
 *
 * @param accountId the Atlassian accountId; {@code null} for calls the site makes on its own
 *     (lifecycle events, webhooks without a user)
 */
public record HostUser(TenantId tenant, @Nullable String accountId) {

    public HostUser {
        if (accountId != null && accountId.isBlank()) {
            accountId = null;
        }
    }

    public boolean hasUser() {
        return accountId != null;
    }

    @Override
    public String toString() {
        // accountIds are personal data: keep them out of logs that print principals.
        return "HostUser[tenant=" + tenant + ", user=" + (accountId == null ? "none" : "present") + "]";
    }
}
