package dev.casewright.connect;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Atlassian's public keys for install and uninstall callbacks, fetched by key id from the
 * configured key server (never from a URL the request names) and cached per key id: Atlassian
 * gives a rotated key a new id. Failures are not cached, so the next install tries again.
 */
@Component
class InstallKeys {

    private static final Logger log = LoggerFactory.getLogger(InstallKeys.class);

    // Checked before the key id becomes part of a URL: no dots, so no "..", no query, no host.
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_\\-/]{1,128}");
    private static final int MAX_PEM_CHARS = 16 * 1024;
    private static final int CACHED_KEYS = 64;
    private static final int MIN_KEY_BITS = 2048;

    private final RestClient keyServer;
    private final Map<String, RSAPublicKey> cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RSAPublicKey> eldest) {
            return size() > CACHED_KEYS;
        }
    });

    InstallKeys(ConnectProperties properties) {
        // The JDK client has no connect timeout by default, and follows no redirects (as we want).
        var requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(Duration.ofSeconds(5));
        this.keyServer = RestClient.builder()
                .baseUrl(properties.installKeysUrl().toString())
                .requestFactory(requests)
                .build();
    }

    RSAPublicKey key(String keyId) {
        if (!KEY_ID.matcher(keyId).matches() || keyId.startsWith("/") || keyId.contains("//")) {
            throw new JwtRejectedException("install token key id is not a valid key id");
        }
        RSAPublicKey cached = cache.get(keyId);
        if (cached != null) {
            return cached;
        }
        RSAPublicKey fetched = parse(fetch(keyId));
        cache.put(keyId, fetched);
        return fetched;
    }

    private String fetch(String keyId) {
        String pem;
        try {
            pem = keyServer.get().uri("/" + keyId).retrieve().body(String.class);
        } catch (RestClientException e) {
            log.warn(
                    "Could not fetch install key {} from the key server: {}",
                    keyId,
                    e.getClass().getSimpleName());
            throw new JwtRejectedException("install token key could not be fetched from the key server", e);
        }
        if (pem == null || pem.isBlank() || pem.length() > MAX_PEM_CHARS) {
            throw new JwtRejectedException("the key server returned no usable key");
        }
        return pem;
    }

    static RSAPublicKey parse(String pem) {
        // Strip the armour and every line break before decoding (ACSB 2.2.0 failed on newlines).
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            var key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            if (key.getModulus().bitLength() < MIN_KEY_BITS) {
                throw new JwtRejectedException("the install key is shorter than 2048 bits");
            }
            return key;
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new JwtRejectedException("the key server returned something that is not an RSA public key", e);
        }
    }
}
