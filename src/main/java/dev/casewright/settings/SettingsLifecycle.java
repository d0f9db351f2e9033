package dev.casewright.settings;

import dev.casewright.crypto.EncryptedSecretStore;
import dev.casewright.crypto.SecretCipher;
import dev.casewright.crypto.SecretDecryptionException;
import dev.casewright.tenancy.TenantDataExpired;
import dev.casewright.tenancy.TenantId;
import dev.casewright.tenancy.TenantUninstalled;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settings' part of the tenant lifecycle and of key rotation: the secrets (model API key,
 * publishing targets' credentials) go at uninstall, the rest when the tenant's data expires; a
 * rotation re-encrypts secrets compare-and-set.
 */
@Component
class SettingsLifecycle implements EncryptedSecretStore {

    private static final Logger log = LoggerFactory.getLogger(SettingsLifecycle.class);

    private final TenantSettingsRepository repository;
    private final TransactionTemplate transactions;
    private final EntityManager entities;

    SettingsLifecycle(TenantSettingsRepository repository, TransactionTemplate transactions, EntityManager entities) {
        this.repository = repository;
        this.transactions = transactions;
        this.entities = entities;
    }

    @EventListener
    @Transactional
    void on(TenantUninstalled event) {
        repository.forgetSecrets(event.tenant().value());
    }

    @EventListener
    void on(TenantDataExpired event) {
        repository.deleteById(event.tenant().value());
    }

    @Override
    public int reEncryptOutdated(SecretCipher cipher) {
        int replaced = 0;
        for (TenantSettingsEntity settings : repository.findWithSecrets()) {
            var tenant = new TenantId(settings.tenantId());
            for (StoredSecret secret : StoredSecret.values()) {
                byte[] current = secret.read(settings);
                if (current == null || cipher.isUnderPrimaryKey(current)) {
                    continue;
                }
                byte[] replacement;
                try {
                    replacement = cipher.reEncrypt(current, secret.binding(tenant));
                } catch (SecretDecryptionException e) {
                    log.error("The {} of tenant {} cannot be decrypted with the current keyset", secret, tenant);
                    continue;
                }
                Integer updated = transactions.execute(status -> replace(secret, tenant, current, replacement));
                replaced += updated == null ? 0 : updated;
            }
        }
        return replaced;
    }

    // Compare and set: a secret an administrator changed meanwhile is left alone. The field name
    // comes from the enum, never from input.
    private int replace(StoredSecret secret, TenantId tenant, byte[] expected, byte[] replacement) {
        return entities.createQuery("update TenantSettingsEntity s set s." + secret.field() + " = :replacement "
                        + "where s.tenantId = :tenant and s." + secret.field() + " = :expected")
                .setParameter("replacement", replacement)
                .setParameter("tenant", tenant.value())
                .setParameter("expected", expected)
                .executeUpdate();
    }
}
