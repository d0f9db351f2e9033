package dev.casewright.tenancy;

import org.springframework.web.client.RestClient;

/**
 * HTTP clients for a tenant's Jira, with the base URL set to the site and every request signed or
 * authorised by the platform adapter. Relative URIs only ({@code /rest/api/3/...}).
 */
public interface ProductApi {

    /**
     * Acts as the user: Jira applies that user's permissions, so nobody sees more through us
     * than in Jira itself. Requires a {@link HostUser} with an account.
     */
    RestClient asUser(HostUser user);

    /** Acts as the app itself, with the permissions the site granted the app. */
    RestClient asApp(TenantId tenant);
}
