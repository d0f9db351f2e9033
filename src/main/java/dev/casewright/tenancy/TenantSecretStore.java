package dev.casewright.tenancy;

import dev.casewright.crypto.EncryptedSecretStore;
import dev.casewright.crypto.SecretCipher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Lets a key rotation reach the tenants' shared secrets. */
@Component
class TenantSecretStore implements EncryptedSecretStore {

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
            byte[] replacement = cipher.reEncrypt(current, Tenants.sharedSecretBinding(tenant));
            // One short transaction per row: a large tenant table never holds locks for long.
            Integer updated = transactions.execute(
                    status -> repository.replaceSharedSecret(stored.getId(), current, replacement));
            replaced += updated == null ? 0 : updated;
        }
        return replaced;
    }
}
