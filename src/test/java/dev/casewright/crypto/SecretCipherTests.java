package dev.casewright.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretCipherTests {

    private static final SecretBinding TENANT_A = new SecretBinding("4f1c6a52-7d55-4b8e-9a51-0f3c2c3f7a10", "shared");
    private static final SecretBinding TENANT_B = new SecretBinding("9b2e7e11-2c5d-4c1a-8d7e-5a6b7c8d9e0f", "shared");

    private final String keyset = TestKeysets.newKeyset();
    private final SecretCipher cipher = TestKeysets.cipher(keyset);

    @Test
    void aSecretRoundTripsForItsOwner() {
        byte[] ciphertext = cipher.encrypt("s3cr3t-ünïcode", TENANT_A);

        assertThat(cipher.decrypt(ciphertext, TENANT_A)).isEqualTo("s3cr3t-ünïcode");
    }

    @Test
    void theCiphertextContainsNoPlaintext() {
        byte[] ciphertext = cipher.encrypt("plain-visible-secret", TENANT_A);

        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("plain-visible-secret");
    }

    @Test
    void encryptingTheSameSecretTwiceGivesDifferentCiphertexts() {
        assertThat(cipher.encrypt("same", TENANT_A)).isNotEqualTo(cipher.encrypt("same", TENANT_A));
    }

    @Test
    void aCiphertextMovedToAnotherTenantFailsToDecrypt() {
        byte[] ciphertext = cipher.encrypt("tenant-a-secret", TENANT_A);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, TENANT_B))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageNotContaining("tenant-a-secret");
    }

    @Test
    void aCiphertextMovedToAnotherPurposeOfTheSameTenantFailsToDecrypt() {
        byte[] ciphertext = cipher.encrypt("shared-secret", TENANT_A);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, new SecretBinding(TENANT_A.owner(), "xray")))
                .isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void aTamperedCiphertextFailsToDecrypt() {
        byte[] ciphertext = cipher.encrypt("secret", TENANT_A);
        ciphertext[ciphertext.length - 1] ^= 0x01;

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, TENANT_A)).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void anotherKeysetCannotDecrypt() {
        byte[] ciphertext = cipher.encrypt("secret", TENANT_A);
        SecretCipher stranger = TestKeysets.cipher(TestKeysets.newKeyset());

        assertThatThrownBy(() -> stranger.decrypt(ciphertext, TENANT_A)).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void afterRotationOldCiphertextsStillDecryptAndNewOnesUseTheNewPrimaryKey() {
        byte[] before = cipher.encrypt("kept-across-rotation", TENANT_A);
        SecretCipher rotated = TestKeysets.cipher(TestKeysets.rotate(keyset));

        byte[] after = rotated.encrypt("new-secret", TENANT_A);

        assertThat(rotated.decrypt(before, TENANT_A)).isEqualTo("kept-across-rotation");
        assertThat(rotated.isUnderPrimaryKey(before)).isFalse();
        assertThat(rotated.isUnderPrimaryKey(after)).isTrue();
        assertThat(cipher.isUnderPrimaryKey(before)).isTrue();
    }

    @Test
    void reEncryptionMovesACiphertextToThePrimaryKeyAndKeepsItsValue() {
        byte[] before = cipher.encrypt("moved", TENANT_A);
        SecretCipher rotated = TestKeysets.cipher(TestKeysets.rotate(keyset));

        byte[] after = rotated.reEncrypt(before, TENANT_A);

        assertThat(rotated.isUnderPrimaryKey(after)).isTrue();
        assertThat(rotated.decrypt(after, TENANT_A)).isEqualTo("moved");
    }

    @Test
    void aBindingNeedsAnOwnerAndAPurpose() {
        assertThatThrownBy(() -> new SecretBinding(" ", "shared")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBinding("owner", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBinding("own\0er", "shared")).isInstanceOf(IllegalArgumentException.class);
    }
}
