package dev.casewright.connect;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 signing and verification with a tenant's shared secret. The MAC is computed here rather
 * than with Nimbus's {@code MACSigner}/{@code MACVerifier} because those refuse secrets shorter
 * than 256 bits, and Atlassian's own interoperability vectors use an 18-byte secret; Nimbus still
 * parses and serialises the token.
 */
final class Hs256 {

    private static final String HMAC = "HmacSHA256";
    private static final JWSHeader HEADER =
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

    private Hs256() {}

    /** A compact HS256 JWT ({@code {"alg":"HS256","typ":"JWT"}}) over the claims. */
    static String sign(JWTClaimsSet claims, String secret) {
        String signingInput = HEADER.toBase64URL() + "." + Base64URL.encode(claims.toString());
        return signingInput + "." + Base64URL.encode(mac(signingInput, secret));
    }

    /**
     * Checks the algorithm and the signature, in constant time. Claims (issuer, expiry, qsh) are the
     * caller's to check.
     */
    static JWTClaimsSet verify(SignedJWT jwt, String secret) {
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new JwtRejectedException("algorithm must be HS256");
        }
        var parts = jwt.getParsedParts();
        String signingInput = parts[0] + "." + parts[1];
        byte[] expected = mac(signingInput, secret);
        if (!MessageDigest.isEqual(expected, jwt.getSignature().decode())) {
            throw new JwtRejectedException("signature does not verify");
        }
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new JwtRejectedException("claims are not a JSON object");
        }
    }

    private static byte[] mac(String signingInput, String secret) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
