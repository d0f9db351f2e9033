package dev.casewright.connect;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** Mints the tokens Atlassian and Jira would send, with keys and secrets made by the test. */
final class ConnectJwts {

    private ConnectJwts() {}

    static KeyPair rsaKeyPair() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(KeyPair keys) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** Claims of a token issued now for 180 s, as Connect issues them. */
    static JWTClaimsSet.Builder claims(String issuer) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(180)));
    }

    static String qsh(String method, String path, String rawQuery) {
        return CanonicalRequest.queryStringHash(method, path, rawQuery, "");
    }

    static String rs256(JWTClaimsSet claims, KeyPair keys, String keyId) {
        return rs256(claims, keys, keyId, JWSAlgorithm.RS256);
    }

    static String rs256(JWTClaimsSet claims, KeyPair keys, String keyId, JWSAlgorithm algorithm) {
        try {
            var jwt =
                    new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256(JWTClaimsSet claims, String secret) {
        return Hs256.sign(claims, secret);
    }
}
