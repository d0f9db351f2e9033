package dev.casewright.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "tenant")
class TenantEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "client_key", length = 255)
    private @Nullable String clientKey;

    @Column(name = "installation_id", length = 255)
    private @Nullable String installationId;

    @Column(name = "cloud_id", length = 64)
    private @Nullable String cloudId;

    @Column(name = "base_url", length = 255, nullable = false)
    private String baseUrl;

    @Column(name = "display_url", length = 255)
    private @Nullable String displayUrl;

    @Column(name = "product_type", length = 32, nullable = false)
    private String productType;

    @Column(name = "shared_secret_enc", length = 512)
    private byte @Nullable [] sharedSecretEnc;

    @Column(name = "oauth_client_id", length = 255)
    private @Nullable String oauthClientId;

    @Column(name = "entitlement_id", length = 255)
    private @Nullable String entitlementId;

    @Column(name = "entitlement_number", length = 255)
    private @Nullable String entitlementNumber;

    @Enumerated(EnumType.STRING)
    @Column(length = 16, nullable = false)
    private TenantState state;

    @Column(name = "installed_at", nullable = false)
    private Instant installedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "uninstalled_at")
    private @Nullable Instant uninstalledAt;

    @Column(name = "delete_after")
    private @Nullable Instant deleteAfter;

    @Version
    private long version;

    @SuppressWarnings("NullAway.Init") // for JPA
    protected TenantEntity() {}

    TenantEntity(TenantId id, String clientKey, String baseUrl, String productType, Instant now) {
        this.id = id.value();
        this.clientKey = clientKey;
        this.baseUrl = baseUrl;
        this.productType = productType;
        this.state = TenantState.INSTALLED;
        this.installedAt = now;
        this.updatedAt = now;
    }

    TenantId id() {
        return new TenantId(id);
    }

    @Nullable
    String oauthClientId() {
        return oauthClientId;
    }

    byte @Nullable [] sharedSecretEnc() {
        return sharedSecretEnc;
    }

    /** A verified (re-)installation: overwrites what the site told us before and reactivates it. */
    void installed(TenantRegistration registration, byte @Nullable [] sharedSecretEnc, Instant now) {
        this.baseUrl = registration.siteUrl().toString();
        this.displayUrl = registration.displayUrl() == null
                ? null
                : registration.displayUrl().toString();
        this.productType = registration.productType();
        this.sharedSecretEnc = sharedSecretEnc;
        this.oauthClientId = registration.oauthClientId();
        if (registration.cloudId() != null) {
            this.cloudId = registration.cloudId();
        }
        if (registration.installationId() != null) {
            this.installationId = registration.installationId();
        }
        this.entitlementId = registration.entitlementId();
        this.entitlementNumber = registration.entitlementNumber();
        if (state == TenantState.UNINSTALLED) {
            this.installedAt = now;
        }
        this.state = TenantState.INSTALLED;
        this.uninstalledAt = null;
        this.deleteAfter = null;
        this.updatedAt = now;
    }

    void uninstalled(Instant now, Instant deleteAfter) {
        // Credentials go at once: nobody may act for this site any more.
        this.sharedSecretEnc = null;
        this.oauthClientId = null;
        if (state != TenantState.UNINSTALLED) {
            this.uninstalledAt = now;
            this.deleteAfter = deleteAfter;
        }
        this.state = TenantState.UNINSTALLED;
        this.updatedAt = now;
    }

    void cloudIdKnown(String cloudId, Instant now) {
        if (this.cloudId == null) {
            this.cloudId = cloudId;
            this.updatedAt = now;
        }
    }

    void enabled(boolean enabled, Instant now) {
        if (state == TenantState.UNINSTALLED) {
            return;
        }
        this.state = enabled ? TenantState.INSTALLED : TenantState.DISABLED;
        this.updatedAt = now;
    }

    Tenant toTenant() {
        URI site = URI.create(baseUrl);
        return new Tenant(
                id(),
                site,
                displayUrl == null ? site : URI.create(displayUrl),
                cloudId,
                productType,
                state,
                installedAt,
                uninstalledAt);
    }
}
