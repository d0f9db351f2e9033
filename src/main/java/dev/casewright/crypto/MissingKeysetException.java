package dev.casewright.crypto;

/** Outside the dev profile the service refuses to start without a keyset. */
class MissingKeysetException extends RuntimeException {

    MissingKeysetException() {
        super("No keyset for encrypting secrets at rest: casewright.crypto.keyset (env CASEWRIGHT_CRYPTO_KEYSET) is "
                + "not set, and only the dev profile may generate one.");
    }
}
