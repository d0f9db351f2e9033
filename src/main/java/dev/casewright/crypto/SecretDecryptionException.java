package dev.casewright.crypto;

/**
 * A ciphertext could not be decrypted: it was tampered with, belongs to another owner or purpose,
 * or was made with a key that is no longer in the keyset. Carries no secret material.
 */
public class SecretDecryptionException extends RuntimeException {

    SecretDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
