/**
 * Encrypts secrets at rest: Tink AEAD (AES256-GCM) with the owning tenant and the secret's purpose
 * as associated data, so a ciphertext copied to another row does not decrypt. Loads the keyset,
 * supports rotation (new primary key encrypts, older keys still decrypt) and re-encrypts stored
 * secrets under the primary key through {@link dev.casewright.crypto.EncryptedSecretStore}s.
 *
 * <p>Knows nothing about tenants or tables; never logs plaintexts, ciphertexts or key material.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.casewright.crypto;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
