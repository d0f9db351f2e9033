package dev.casewright.tenancy;

import dev.casewright.crypto.SecretBinding;
import dev.casewright.crypto.SecretCipher;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tenant registry: who installed the app, and the credentials their platform gave us. */
@Service
public class Tenants {

    static final String SHARED_SECRET = "connect.shared-secret";

    private final TenantRepository repository;
    private final SecretCipher cipher;
    private final Clock clock;

    Tenants(TenantRepository repository, SecretCipher cipher) {
        this.repository = repository;
        this.cipher = cipher;
        this.clock = Clock.systemUTC();
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
     * re-install changed (a new shared secret replaces the old one) and reactivates it.
     */
    @Transactional
    public Tenant register(TenantRegistration registration) {
        // Databases keep microseconds; truncating here keeps what we return equal to what we read back.
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
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
        return repository.save(tenant).toTenant();
    }

    /** The tenant's current shared secret, decrypted; empty when it has none (uninstalled). */
    @Transactional(readOnly = true)
    public Optional<String> sharedSecret(TenantId id) {
        return repository
                .findById(id.value())
                .map(TenantEntity::sharedSecretEnc)
                .map(encrypted -> cipher.decrypt(encrypted, sharedSecretBinding(id)));
    }

    static SecretBinding sharedSecretBinding(TenantId id) {
        return new SecretBinding(id.value(), SHARED_SECRET);
    }
}
