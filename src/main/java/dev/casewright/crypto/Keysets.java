package dev.casewright.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;

/**
 * Creating, rotating, parsing and serialising Tink AEAD keysets. Keysets are handled in Tink's JSON
 * format in the clear because they come from the operator's secret store (an environment variable);
 * wrapping them with a cloud KMS key is a deployment choice outside this module.
 */
final class Keysets {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Keysets() {}

    static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate an AES256-GCM keyset", e);
        }
    }

    /** A new AES256-GCM key becomes primary; every existing key stays for decryption. */
    static KeysetHandle rotate(KeysetHandle keyset) {
        try {
            return KeysetHandle.newBuilder(keyset)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not add a key to the keyset", e);
        }
    }

    static KeysetHandle parse(String json) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            // The message of the cause may quote the input; the input is key material.
            throw new InvalidKeysetException("casewright.crypto.keyset is not a Tink JSON keyset ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    static String toJson(KeysetHandle keyset) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not serialise the keyset", e);
        }
    }

    static class InvalidKeysetException extends RuntimeException {
        InvalidKeysetException(String message) {
            super(message);
        }
    }
}
