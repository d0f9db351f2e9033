package dev.casewright.tenancy;

import dev.casewright.crypto.SecretBinding;
import dev.casewright.crypto.SecretCipher;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** The tenant registry: who installed the app, and the credentials their platform gave us. */
@Service
public class Tenants {

    static final String SHARED_SECRET = "connect.shared-secret";

    private final TenantRepository repository;
    private final SecretCipher cipher;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final TenancyProperties properties;
    private final Clock clock = Clock.systemUTC();

    Tenants(
            TenantRepository repository,
            SecretCipher cipher,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            TenancyProperties properties) {
        this.repository = repository;
        this.cipher = cipher;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> find(TenantId id) {
        return repository.findById(id.value()).map(TenantEntity::toTenant);
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> findByClientKey(String clientKey) {
        return repository.findByClientKey(clientKey).map(TenantEntity::toTenant);
    }

    /**
     * Records a verified installation: creates the tenant on first install, or overwrites what a
     * re-install changed (a new shared secret replaces the old one) and reactivates it. Two
     * {@code installed} events for a new site can race; the loser of the insert updates instead.
     */
    public Tenant register(TenantRegistration registration) {
        Tenant tenant;
        try {
            tenant = transactions.execute(status -> upsert(registration));
        } catch (DataIntegrityViolationException concurrentFirstInstall) {
            tenant = transactions.execute(status -> upsert(registration));
        }
        events.publishEvent(new TenantInstalled(tenant.id()));
        return tenant;
    }

    private Tenant upsert(TenantRegistration registration) {
        var now = now();
        TenantEntity tenant = repository
                .findByClientKey(registration.clientKey())
                .orElseGet(() -> new TenantEntity(
                        TenantId.random(),
                        registration.clientKey(),
                        registration.siteUrl().toString(),
                        registration.productType(),
                        now));
        String secret = registration.sharedSecret();
        byte[] encrypted = secret == null ? null : cipher.encrypt(secret, sharedSecretBinding(tenant.id()));
        tenant.installed(registration, encrypted, now);
        return repository.saveAndFlush(tenant).toTenant();
    }

    /**
     * A verified uninstall: the shared secret (and, through {@link TenantUninstalled}, everything
     * derived from it) goes at once; the rest is deleted after the retention period unless the
     * site reinstalls. Repeating it changes nothing.
     */
    @Transactional
    public Optional<Tenant> uninstall(String clientKey) {
        Optional<TenantEntity> found = repository.findByClientKey(clientKey);
        found.ifPresent(tenant -> {
            var now = now();
            tenant.uninstalled(now, now.plus(properties.retentionAfterUninstall()));
            events.publishEvent(new TenantUninstalled(tenant.id()));
        });
        return found.map(TenantEntity::toTenant);
    }

    /** Remembers the Atlassian cloud id once it is known; a known one is never replaced. */
    @Transactional
    public void recordCloudId(TenantId id, String cloudId) {
        repository.findById(id.value()).ifPresent(tenant -> tenant.cloudIdKnown(cloudId, now()));
    }

    /** A site admin enabled ({@code true}) or disabled the app; an uninstalled tenant stays so. */
    @Transactional
    public Optional<Tenant> setEnabled(TenantId id, boolean enabled) {
        return repository.findById(id.value()).map(tenant -> {
            tenant.enabled(enabled, now());
            return tenant.toTenant();
        });
    }

    // Databases keep microseconds; truncating keeps what we return equal to what we read back.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The tenant's current shared secret, decrypted; empty when it has none (uninstalled). */
    @Transactional(readOnly = true)
    public Optional<String> sharedSecret(TenantId id) {
        return repository
                .findById(id.value())
                .map(TenantEntity::sharedSecretEnc)
                .map(encrypted -> cipher.decrypt(encrypted, sharedSecretBinding(id)));
    }

    /** The client id Connect gave us for acting as users; empty without the ACT_AS_USER scope. */
    @Transactional(readOnly = true)
    public Optional<String> oauthClientId(TenantId id) {
        return repository.findById(id.value()).map(TenantEntity::oauthClientId);
    }

    static SecretBinding sharedSecretBinding(TenantId id) {
        return new SecretBinding(id.value(), SHARED_SECRET);
    }
}
