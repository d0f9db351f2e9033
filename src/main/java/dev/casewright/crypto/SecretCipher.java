package dev.casewright.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts and decrypts secrets with the configured Tink keyset. Ciphertexts carry Tink's 5-byte
 * prefix (version byte plus key id), which is how {@link #isUnderPrimaryKey(byte[])} tells what a
 * rotation still has to re-encrypt.
 */
public class SecretCipher {

    private static final int TINK_PREFIX_LENGTH = 5;
    private static final byte TINK_START_BYTE = 1;

    private final Aead aead;
    private final int primaryKeyId;

    SecretCipher(KeysetHandle keyset) {
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the keyset does not provide AEAD encryption", e);
        }
        this.primaryKeyId = keyset.getPrimary().getId();
    }

    public byte[] encrypt(String plaintext, SecretBinding binding) {
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), binding.associatedData());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] ciphertext, SecretBinding binding) {
        try {
            return new String(aead.decrypt(ciphertext, binding.associatedData()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException(
                    "secret for purpose " + binding.purpose() + " could not be decrypted "
                            + "(wrong owner, tampered, or its key was removed from the keyset)",
                    e);
        }
    }

    /** True when the ciphertext was made with the current primary key, so rotation can skip it. */
    public boolean isUnderPrimaryKey(byte[] ciphertext) {
        return ciphertext.length > TINK_PREFIX_LENGTH
                && ciphertext[0] == TINK_START_BYTE
                && ByteBuffer.wrap(ciphertext, 1, 4).getInt() == primaryKeyId;
    }

    /** Decrypts with whichever key made the ciphertext and encrypts again under the primary key. */
    public byte[] reEncrypt(byte[] ciphertext, SecretBinding binding) {
        return encrypt(decrypt(ciphertext, binding), binding);
    }
}
