package dev.casewright.crypto;

import java.nio.charset.StandardCharsets;

/**
 * What a ciphertext is bound to: the owner (a tenant id) and the purpose of the secret (for
 * example {@code connect.shared-secret}). Both are authenticated as associated data, so a
 * ciphertext moved to another tenant's row, or to another column of the same tenant, fails to
 * decrypt.
 */
public record SecretBinding(String owner, String purpose) {

    public SecretBinding {
        if (owner.isBlank() || purpose.isBlank()) {
            throw new IllegalArgumentException("a secret must be bound to an owner and a purpose");
        }
        if (owner.indexOf('\0') >= 0 || purpose.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("owner and purpose must not contain NUL");
        }
    }

    byte[] associatedData() {
        // NUL cannot occur in either part, so the encoding is unambiguous.
        return ("casewright.v1\0" + owner + "\0" + purpose).getBytes(StandardCharsets.UTF_8);
    }
}
