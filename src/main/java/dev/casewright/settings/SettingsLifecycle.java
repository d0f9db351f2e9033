package dev.casewright.settings;

import dev.casewright.crypto.EncryptedSecretStore;
import dev.casewright.crypto.SecretCipher;
import dev.casewright.crypto.SecretDecryptionException;
import dev.casewright.tenancy.TenantDataExpired;
import dev.casewright.tenancy.TenantId;
import dev.casewright.tenancy.TenantUninstalled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settings' part of the tenant lifecycle and of key rotation: the API key goes at uninstall,
 * the rest when the tenant's data expires; a rotation re-encrypts keys compare-and-set.
 */
@Component
class SettingsLifecycle implements EncryptedSecretStore {

    private static final Logger log = LoggerFactory.getLogger(SettingsLifecycle.class);

    private final TenantSettingsRepository repository;
    private final TransactionTemplate transactions;

    SettingsLifecycle(TenantSettingsRepository repository, TransactionTemplate transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    @EventListener
    @Transactional
    void on(TenantUninstalled event) {
        repository.forgetApiKey(event.tenant().value());
    }

    @EventListener
    void on(TenantDataExpired event) {
        repository.deleteById(event.tenant().value());
    }

    @Override
    public int reEncryptOutdated(SecretCipher cipher) {
        int replaced = 0;
        for (TenantSettingsEntity settings : repository.findWithApiKey()) {
            byte[] current = settings.apiKeyEnc;
            if (current == null || cipher.isUnderPrimaryKey(current)) {
                continue;
            }
            var tenant = new TenantId(settings.tenantId());
            byte[] replacement;
            try {
                replacement = cipher.reEncrypt(current, TenantSettings.binding(tenant));
            } catch (SecretDecryptionException e) {
                log.error("The model API key of tenant {} cannot be decrypted with the current keyset", tenant);
                continue;
            }
            Integer updated =
                    transactions.execute(status -> repository.replaceApiKey(tenant.value(), current, replacement));
            replaced += updated == null ? 0 : updated;
        }
        return replaced;
    }
}
