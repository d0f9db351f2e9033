package dev.casewright.crypto;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * After a rotation, moves every stored secret to the primary key, so old keys can eventually be
 * removed from the keyset. Runs shortly after start-up and then periodically; a run where
 * everything is current only reads. Safe with several instances (stores compare and set).
 */
public class SecretReEncryption {

    private static final Logger log = LoggerFactory.getLogger(SecretReEncryption.class);

    private final SecretCipher cipher;
    private final List<EncryptedSecretStore> stores;

    SecretReEncryption(SecretCipher cipher, List<EncryptedSecretStore> stores) {
        this.cipher = cipher;
        this.stores = stores;
    }

    @Scheduled(
            initialDelayString = "${casewright.crypto.re-encrypt-first-after:PT1M}",
            fixedDelayString = "${casewright.crypto.re-encrypt-every:PT6H}")
    public int reEncryptOutdatedSecrets() {
        int total = 0;
        for (EncryptedSecretStore store : stores) {
            try {
                total += store.reEncryptOutdated(cipher);
            } catch (RuntimeException e) {
                // One store failing (for example a secret whose key was removed too early) must not
                // stop the others; the next run tries again.
                log.error(
                        "Re-encrypting secrets in {} failed: {}",
                        store.getClass().getSimpleName(),
                        e.toString());
            }
        }
        if (total > 0) {
            log.info("Re-encrypted {} stored secrets under the primary key", total);
        } else {
            // The operator's signal that older keys may now be removed from the keyset.
            log.info("All stored secrets use the primary key");
        }
        return total;
    }
}
