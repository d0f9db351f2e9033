package dev.casewright.connect;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The canonical request and query string hash ({@code qsh}) that Atlassian Connect binds a JWT to:
 * {@code METHOD&canonicalUri&canonicalQuery}, hashed with SHA-256 (connect-protocol.md, section 5).
 *
 * <p>Paths and queries are taken raw, exactly as they travel on the wire, because the hash is over the
 * request the signer saw; a servlet container's decoded view would lose the difference between
 * {@code +}, {@code %20} and {@code %2B}. A query that is not valid URL encoding makes the token
 * unverifiable, so it is rejected with {@link JwtRejectedException} rather than failing as a bug.
 */
final class CanonicalRequest {

    private static final String JWT_PARAMETER = "jwt";
    private static final char SEPARATOR = '&';
    private static final HexFormat HEX_UPPER = HexFormat.of().withUpperCase();

    private CanonicalRequest() {}

    /**
     * The canonical request for an inbound request.
     *
     * @param rawPath the undecoded request path as received ({@code HttpServletRequest.getRequestURI()})
     * @param rawQuery the undecoded query string ({@code getQueryString()}), or {@code null} for none
     * @param basePath the path of the base URL the signer treats as root ({@code ""}, {@code "/base"},
     *     {@code "/wiki"}); removed only as whole path segments
     */
    static String of(String method, String rawPath, @Nullable String rawQuery, String basePath) {
        return join(method, rawPath, basePath, parameters(rawQuery));
    }

    /**
     * The canonical request of section 5.4's second try, for a POST or PUT whose parameters arrived
     * as an {@code application/x-www-form-urlencoded} body: when the query carries no parameter at
     * all, the body's parameters take its place. For any other method, or a query with parameters,
     * this is {@link #of}. Callers use it only after {@link #of} failed to match and only for
     * urlencoded bodies; JSON bodies never take part.
     */
    static String withFormBody(
            String method, String rawPath, @Nullable String rawQuery, String basePath, String formBody) {
        Map<String, List<String>> query = parameters(rawQuery);
        String upperMethod = method.toUpperCase(Locale.ROOT);
        // Same condition as atlassian-jwt's canonicalizeQueryString(checkBodyForParams): a query that
        // holds only the jwt parameter still counts as present.
        boolean bodyReplacesQuery = query.isEmpty() && (upperMethod.equals("POST") || upperMethod.equals("PUT"));
        return join(method, rawPath, basePath, bodyReplacesQuery ? parameters(formBody) : query);
    }

    /**
     * The canonical request for an outbound call to the product, from the exact URI that will be
     * sent; {@code basePath} is the path of the tenant's {@code baseUrl} ({@code "/wiki"} for
     * Confluence, {@code ""} for Jira).
     */
    static String forUri(String method, URI uri, String basePath) {
        String rawPath = uri.getRawPath();
        return of(method, rawPath == null ? "" : rawPath, uri.getRawQuery(), basePath);
    }

    /** Lower-case hex SHA-256 of the canonical request's UTF-8 bytes: the {@code qsh} claim. */
    static String queryStringHash(String canonicalRequest) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    static String queryStringHash(String method, String rawPath, @Nullable String rawQuery, String basePath) {
        return queryStringHash(of(method, rawPath, rawQuery, basePath));
    }

    private static String join(String method, String rawPath, String basePath, Map<String, List<String>> params) {
        return method.toUpperCase(Locale.ROOT)
                + SEPARATOR
                + canonicalUri(rawPath, basePath)
                + SEPARATOR
                + canonicalQuery(params);
    }

    private static String canonicalUri(String rawPath, String basePath) {
        String path = withoutBasePath(rawPath, basePath);
        if (path.isEmpty()) {
            return "/";
        }
        // An unencoded '&' in the path would let "/p&a=b?x=y" and "/p?a=b&x=y" share a hash.
        path = path.replace("&", "%26");
        if (path.charAt(0) != '/') {
            path = "/" + path;
        }
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private static String withoutBasePath(String rawPath, String basePath) {
        String base = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        if (base.isEmpty()) {
            return rawPath;
        }
        if (!base.startsWith("/")) {
            throw new IllegalArgumentException("base path must be empty or start with '/'");
        }
        // Segment-aware, unlike atlassian-jwt's plain prefix match: "/base" must not turn "/basement"
        // into "/ment".
        if (rawPath.equals(base) || rawPath.startsWith(base + "/")) {
            return rawPath.substring(base.length());
        }
        return rawPath;
    }

    /** Decoded names to decoded values, in arrival order, {@code jwt} included. */
    private static Map<String, List<String>> parameters(@Nullable String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String canonicalQuery(Map<String, List<String>> params) {
        // Pairs are ordered by encoded name, as Atlassian's Java canonicaliser does; values by their
        // decoded text (the interop vector "Multi-value II" tells the two orders apart).
        Map<String, String> encoded = new TreeMap<>();
        params.remove(JWT_PARAMETER);
        params.forEach((name, values) -> encoded.put(
                rfc3986(name),
                values.stream().sorted().map(CanonicalRequest::rfc3986).collect(Collectors.joining(","))));
        return encoded.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    /** application/x-www-form-urlencoded decoding: '+' is a space, %XX are UTF-8 bytes. */
    private static String formDecode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteBuffer bytes = ByteBuffer.allocate(s.length() * 3);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw notUrlEncoded();
                }
                int high = Character.digit(s.charAt(i + 1), 16);
                int low = Character.digit(s.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw notUrlEncoded();
                }
                bytes.put((byte) ((high << 4) | low));
                i += 3;
            } else if (c == '+') {
                bytes.put((byte) ' ');
                i++;
            } else {
                // A run of literal characters at once, so a surrogate pair is encoded whole.
                int end = i;
                while (end < s.length() && s.charAt(end) != '%' && s.charAt(end) != '+') {
                    end++;
                }
                bytes.put(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        bytes.flip();
        try {
            // Strict decoding: a replacement character would make two different byte strings share
            // a canonical form.
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw notUrlEncoded();
        }
    }

    /** RFC 3986 percent-encoding: everything but {@code A-Z a-z 0-9 - . _ ~}, upper-case hex. */
    private static String rfc3986(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length * 3);
        for (byte b : utf8) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX_UPPER.toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static JwtRejectedException notUrlEncoded() {
        return new JwtRejectedException("query string is not valid URL encoding");
    }
}
