package dev.casewright.connect;

import dev.casewright.tenancy.TenantInstalled;
import dev.casewright.tenancy.TenantUninstalled;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whatever was derived from a tenant's credentials (user tokens, the licence answer) is dropped
 * when the credentials change (re-install, possibly with a new secret) or go (uninstall).
 */
@Component
class TenantCredentialCaches {

    private final UserAccessTokens userTokens;
    private final LicenceCheck licences;

    TenantCredentialCaches(UserAccessTokens userTokens, LicenceCheck licences) {
        this.userTokens = userTokens;
        this.licences = licences;
    }

    @EventListener
    void on(TenantInstalled event) {
        forget(event.tenant());
    }

    @EventListener
    void on(TenantUninstalled event) {
        forget(event.tenant());
    }

    private void forget(dev.casewright.tenancy.TenantId tenant) {
        userTokens.forgetTenant(tenant.value());
        licences.forget(tenant);
    }
}
