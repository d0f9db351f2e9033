package dev.casewright.tenancy;

import dev.casewright.crypto.EncryptedSecretStore;
import dev.casewright.crypto.SecretCipher;
import dev.casewright.crypto.SecretDecryptionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Lets a key rotation reach the tenants' shared secrets. */
@Component
class TenantSecretStore implements EncryptedSecretStore {

    private static final Logger log = LoggerFactory.getLogger(TenantSecretStore.class);

    private final TenantRepository repository;
    private final TransactionTemplate transactions;

    TenantSecretStore(TenantRepository repository, TransactionTemplate transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    @Override
    public int reEncryptOutdated(SecretCipher cipher) {
        int replaced = 0;
        for (var stored : repository.findStoredSharedSecrets()) {
            byte[] current = stored.getSharedSecretEnc();
            if (cipher.isUnderPrimaryKey(current)) {
                continue;
            }
            var tenant = new TenantId(stored.getId());
            byte[] replacement;
            try {
                replacement = cipher.reEncrypt(current, Tenants.sharedSecretBinding(tenant));
            } catch (SecretDecryptionException e) {
                // One unreadable secret (its key already removed, or a row copied from elsewhere)
                // must not stop the rotation for every other tenant.
                log.error("The shared secret of tenant {} cannot be decrypted with the current keyset", tenant);
                continue;
            }
            // One short transaction per row: a large tenant table never holds locks for long.
            Integer updated = transactions.execute(
                    status -> repository.replaceSharedSecret(stored.getId(), current, replacement));
            replaced += updated == null ? 0 : updated;
        }
        return replaced;
    }
}
