package dev.casewright.crypto;

/** Lets tests in other modules make keysets and ciphers of their own; tests never share keys. */
public final class TestKeysets {

    private TestKeysets() {}

    public static String newKeyset() {
        return Keysets.toJson(Keysets.generate());
    }

    public static String rotate(String keyset) {
        return Keysets.toJson(Keysets.rotate(Keysets.parse(keyset)));
    }

    public static SecretCipher cipher(String keyset) {
        return new SecretCipher(Keysets.parse(keyset));
    }
}
