package dev.casewright.crypto;

/**
 * Implemented by each module that keeps encrypted secrets, so that a key rotation reaches every one
 * of them without this module knowing any table.
 */
public interface EncryptedSecretStore {

    /**
     * Re-encrypts every stored secret that {@link SecretCipher#isUnderPrimaryKey(byte[])} says is
     * under an older key. Must not overwrite a secret that changed meanwhile (compare and set), as
     * several instances may run this at once.
     *
     * @return how many secrets were re-encrypted
     */
    int reEncryptOutdated(SecretCipher cipher);
}
