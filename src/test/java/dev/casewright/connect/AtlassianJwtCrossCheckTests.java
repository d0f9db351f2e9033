package dev.casewright.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.casewright.connect.AtlassianJwtPeer.Exchange;
import dev.casewright.connect.AtlassianJwtPeer.QshRequest;
import dev.casewright.connect.AtlassianJwtPeer.SignRequest;
import dev.casewright.connect.AtlassianJwtPeer.SignedToken;
import dev.casewright.connect.AtlassianJwtPeer.Verification;
import dev.casewright.connect.AtlassianJwtPeer.VerifyRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares our QSH and HS256 code with Atlassian's atlassian-jwt 2.0.3, run by Node.js: tokens it
 * makes must verify here with our qsh, and tokens we make must verify there with its qsh. All
 * requests go to one Node.js process, started before the tests.
 */
class AtlassianJwtCrossCheckTests {

    private static final String SECRET = "cross-check-shared-secret-0123456789abcdef";
    private static final String CLIENT_KEY = "jira:5f0c4e1a-7d2b-4c3e-9a8f-1b2c3d4e5f60";
    private static final String APP_KEY = "dev.casewright.app";
    private static final String APP_BASE_URL = "https://casewright.example";
    private static final long IAT = 1_767_225_600L;

    /** A request as the product signs it for us, and the app base URL it was signed against. */
    record Inbound(String description, String method, String url, String baseUrl) {

        URI uri() {
            return URI.create(url);
        }

        String basePath() {
            return URI.create(baseUrl).getRawPath();
        }

        String ourQsh() {
            return CanonicalRequest.queryStringHash(method, uri().getRawPath(), uri().getRawQuery(), basePath());
        }

        String ourCanonical() {
            return CanonicalRequest.of(method, uri().getRawPath(), uri().getRawQuery(), basePath());
        }

        @Override
        public String toString() {
            return description + ": " + method + " " + url;
        }
    }

    /** A call we make to the product, and the tenant base URL it is relative to. */
    record Outbound(String description, String method, String url, String tenantBaseUrl) {

        @Override
        public String toString() {
            return description + ": " + method + " " + url;
        }
    }

    static Stream<Inbound> inbound() {
        String app = APP_BASE_URL;
        return Stream.of(
                new Inbound("a plain iframe URL", "GET", app + "/panel?issueKey=TEST-1", app),
                new Inbound("repeated parameters out of order", "GET", app + "/panel?ids=3&ids=1&ids=20&ids=2", app),
                new Inbound(
                        "repeated values that sort differently decoded", "GET", app + "/p?ids=%3A1&ids=.2&ids=.1", app),
                new Inbound("spaces as '+'", "GET", app + "/search?q=hello+big+world", app),
                new Inbound("spaces as %20", "GET", app + "/search?q=hello%20big%20world", app),
                new Inbound("a plus sign as %2B", "GET", app + "/p?title=1+%2B+1", app),
                new Inbound("%2C inside a value", "GET", app + "/panel?fields=summary%2Cdescription", app),
                new Inbound("a raw comma inside a value", "GET", app + "/panel?expand=names,schema", app),
                new Inbound("unicode values", "GET", app + "/p?director=%E5%AE%AE%E5%B4%8E+%E9%A7%BF&e=%C3%A9", app),
                new Inbound("an asterisk", "GET", app + "/p?query=connect*", app),
                new Inbound("a tilde raw and encoded", "GET", app + "/p?eta=in+%7E3+days&v=a~b", app),
                new Inbound("empty values", "GET", app + "/p?empty=&also=", app),
                new Inbound("keys without '='", "GET", app + "/p?flag&other=1", app),
                new Inbound("mixed-case names", "GET", app + "/p?B=2&a=1&A=3&b=4", app),
                new Inbound(
                        "an encoded URL as a value", "GET", app + "/p?next=https%3A%2F%2Fx%2Fp%3Fa%3Db%26c%3Dd", app),
                new Inbound("the app's base URL has a path", "GET", app + "/base/panel?x=1", app + "/base"),
                new Inbound(
                        "a Jira issue panel iframe URL",
                        "GET",
                        app + "/issue-panel?xdm_e=https%3A%2F%2Fx.atlassian.net&xdm_c=channel-dev.casewright.app__panel"
                                + "&cp=&xdm_deprecated_addon_key_do_not_use=dev.casewright.app&lic=active"
                                + "&cv=1001.0.0-SNAPSHOT&issueKey=TEST-1&projectKey=TEST&tz=Europe%2FBerlin&loc=en-GB",
                        app),
                new Inbound(
                        "a jwt parameter that is dropped",
                        "GET",
                        app + "/panel?lic=none&jwt=eyJhbGciOiJIUzI1NiJ9.e30.c2ln&issueKey=TEST-1",
                        app),
                new Inbound("a trailing slash on the path", "GET", app + "/panel/?x=1", app),
                new Inbound("an ampersand in the path", "GET", app + "/rest/a&b=c?x=y", app),
                new Inbound("the root path", "GET", app + "/?x=1", app),
                new Inbound("an escaped slash in the path", "GET", app + "/files/a%2Fb", app),
                new Inbound("a lifecycle POST", "POST", app + "/lifecycle/enabled", app),
                new Inbound(
                        "a webhook POST with a query",
                        "POST",
                        app + "/webhooks/issue-updated?issueId=10001&user_id=",
                        app),
                new Inbound("a PUT", "PUT", app + "/api/settings?scope=project&scope=global", app));
    }

    static Stream<Outbound> outbound() {
        String jira = "https://x.atlassian.net";
        String confluence = "https://x.atlassian.net/wiki";
        return Stream.of(
                new Outbound(
                        "read an issue", "GET", jira + "/rest/api/3/issue/TEST-1?fields=summary%2Cdescription", jira),
                new Outbound(
                        "search with a repeated parameter",
                        "GET",
                        jira + "/rest/api/3/search?jql=project+%3D+TEST&fields=a&fields=b",
                        jira),
                new Outbound(
                        "search with %20 and an ORDER BY",
                        "GET",
                        jira + "/rest/api/3/search?jql=project%20%3D%20TEST%20ORDER%20BY%20created&maxResults=50",
                        jira),
                new Outbound("add a comment", "POST", jira + "/rest/api/3/issue/TEST-1/comment", jira),
                new Outbound("edit an issue", "PUT", jira + "/rest/api/3/issue/TEST-1?notifyUsers=false", jira),
                new Outbound(
                        "delete an issue property",
                        "DELETE",
                        jira + "/rest/api/3/issue/TEST-1/properties/casewright",
                        jira),
                new Outbound(
                        "expand with a raw comma",
                        "GET",
                        jira + "/rest/api/3/issue/TEST-1?expand=renderedFields,names",
                        jira),
                new Outbound(
                        "an asterisk and an empty value",
                        "GET",
                        jira + "/rest/api/3/issue/TEST-1?expand=&fields=*all",
                        jira),
                new Outbound(
                        "a unicode search",
                        "GET",
                        jira + "/rest/api/3/project/search?query=caf%C3%A9&orderBy=name",
                        jira),
                new Outbound("a trailing slash", "GET", jira + "/rest/api/3/issuetype/", jira),
                new Outbound("Confluence content", "GET", confluence + "/rest/api/content?limit=1", confluence),
                new Outbound(
                        "a Confluence CQL search",
                        "GET",
                        confluence + "/rest/api/content/search?cql=space%3DDEV+and+type%3Dpage&limit=25",
                        confluence),
                new Outbound(
                        "a Confluence page by id",
                        "GET",
                        confluence + "/api/v2/pages/123456?body-format=storage",
                        confluence));
    }

    /** One-character changes to a request's path or to one query value, and a change of method. */
    static List<Inbound> mutations(Inbound original) {
        URI uri = original.uri();
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String mutatedPath = path.length() > 1
                ? path.substring(0, path.length() - 1) + bump(path.charAt(path.length() - 1))
                : path + "x";
        String otherMethod = original.method().equals("GET") ? "POST" : "GET";
        List<Inbound> mutated = new ArrayList<>();
        mutated.add(new Inbound("path changed", original.method(), origin + mutatedPath + query, original.baseUrl()));
        mutated.add(new Inbound("method changed", otherMethod, original.url(), original.baseUrl()));
        if (uri.getRawQuery() != null) {
            mutated.add(new Inbound(
                    "one value changed",
                    original.method(),
                    origin + path + "?" + withOneValueChanged(uri.getRawQuery()),
                    original.baseUrl()));
        }
        return mutated;
    }

    private static char bump(char c) {
        return c == 'z' ? 'a' : c == '9' ? '0' : Character.isLetterOrDigit(c) ? (char) (c + 1) : 'x';
    }

    /** Changes the first letter or digit of the first value that is not the jwt. */
    private static String withOneValueChanged(String rawQuery) {
        String[] pairs = rawQuery.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            if (eq < 0 || pairs[i].startsWith("jwt=")) {
                continue;
            }
            String value = pairs[i].substring(eq + 1);
            for (int j = 0; j < value.length(); j++) {
                if (Character.isLetterOrDigit(value.charAt(j))
                        && (j == 0 || value.charAt(j - 1) != '%')
                        && (j < 2 || value.charAt(j - 2) != '%')) {
                    pairs[i] = pairs[i].substring(0, eq + 1)
                            + value.substring(0, j)
                            + bump(value.charAt(j))
                            + value.substring(j + 1);
                    return String.join("&", pairs);
                }
            }
            pairs[i] = pairs[i] + "x";
            return String.join("&", pairs);
        }
        return rawQuery + "&x=1";
    }

    private static final Map<Inbound, SignedToken> signedByPeer = new LinkedHashMap<>();
    private static final Map<Inbound, String> peerQshOfMutation = new LinkedHashMap<>();
    private static final Map<Outbound, Verification> verifiedByPeer = new LinkedHashMap<>();
    private static final Map<Outbound, String> ourTokens = new LinkedHashMap<>();
    private static SignedToken contextTokenByPeer;
    private static Verification tokenWithWrongSecretByPeer;
    private static AtlassianJwtPeer.Qsh peerOnBasement;
    private static AtlassianJwtPeer.Qsh peerOnQuoteInPath;

    private static final Inbound BASEMENT = new Inbound(
            "a path that merely starts like the base path", "GET", APP_BASE_URL + "/basement", APP_BASE_URL + "/base");
    private static final Inbound QUOTE_IN_PATH =
            new Inbound("a quote in the path", "GET", APP_BASE_URL + "/it's?a=b", APP_BASE_URL);

    @BeforeAll
    static void exchangeEverythingWithThePeerInOneProcess() {
        if (AtlassianJwtPeer.unavailableBecause().isPresent()) {
            return;
        }
        AtlassianJwtPeer peer = AtlassianJwtPeer.start();

        List<Inbound> inbound = inbound().toList();
        List<SignRequest> sign = new ArrayList<>();
        for (Inbound in : inbound) {
            sign.add(new SignRequest(
                    in.method(), in.url(), SECRET, CLIENT_KEY, "557058:0a1b2c3d", IAT, IAT + 180, in.baseUrl(), false));
        }
        Inbound contextCall = new Inbound("a context token", "GET", APP_BASE_URL + "/api/generations", APP_BASE_URL);
        sign.add(new SignRequest(
                contextCall.method(), contextCall.url(), SECRET, CLIENT_KEY, null, IAT, IAT + 180, APP_BASE_URL, true));

        List<Inbound> mutated =
                inbound.stream().flatMap(in -> mutations(in).stream()).toList();
        List<QshRequest> qsh = new ArrayList<>(mutated.stream()
                .map(m -> new QshRequest(m.method(), m.url(), m.baseUrl()))
                .toList());
        qsh.add(new QshRequest(BASEMENT.method(), BASEMENT.url(), BASEMENT.baseUrl()));
        qsh.add(new QshRequest(QUOTE_IN_PATH.method(), QUOTE_IN_PATH.url(), QUOTE_IN_PATH.baseUrl()));

        List<Outbound> outbound = outbound().toList();
        List<VerifyRequest> verify = new ArrayList<>();
        for (Outbound out : outbound) {
            String token = ourOutboundToken(out, SECRET);
            ourTokens.put(out, token);
            verify.add(new VerifyRequest(out.method(), out.url(), token, SECRET, out.tenantBaseUrl()));
        }
        Outbound control = outbound.get(0);
        verify.add(new VerifyRequest(
                control.method(),
                control.url(),
                ourOutboundToken(control, "another-secret-0123456789abcdef0123"),
                SECRET,
                control.tenantBaseUrl()));

        Exchange exchange = peer.exchange(sign, verify, qsh);

        for (int i = 0; i < inbound.size(); i++) {
            signedByPeer.put(inbound.get(i), exchange.signed().get(i));
        }
        contextTokenByPeer = exchange.signed().get(inbound.size());
        for (int i = 0; i < mutated.size(); i++) {
            peerQshOfMutation.put(mutated.get(i), exchange.hashed().get(i).qsh());
        }
        for (int i = 0; i < outbound.size(); i++) {
            verifiedByPeer.put(outbound.get(i), exchange.verified().get(i));
        }
        tokenWithWrongSecretByPeer = exchange.verified().get(outbound.size());
        peerOnBasement = exchange.hashed().get(mutated.size());
        peerOnQuoteInPath = exchange.hashed().get(mutated.size() + 1);
    }

    @BeforeEach
    void skipWhenNodeIsMissing() {
        AtlassianJwtPeer.assumeAvailable();
    }

    /** What our outbound signer will do: qsh from the URI being sent, three minutes of validity. */
    private static String ourOutboundToken(Outbound out, String secret) {
        String basePath = URI.create(out.tenantBaseUrl()).getRawPath();
        String qsh = CanonicalRequest.queryStringHash(
                CanonicalRequest.forUri(out.method(), URI.create(out.url()), basePath));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(APP_KEY)
                .issueTime(new Date(IAT * 1000))
                .expirationTime(new Date((IAT + 180) * 1000))
                .claim("qsh", qsh)
                .build();
        return Hs256.sign(claims, secret);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inbound")
    void aTokenMadeByAtlassianJwtCarriesTheQshWeComputeAndVerifiesHere(Inbound in) throws Exception {
        SignedToken token = signedByPeer.get(in);

        JWTClaimsSet claims = Hs256.verify(SignedJWT.parse(token.token()), SECRET);

        assertThat(in.ourCanonical()).isEqualTo(token.canonical());
        assertThat(claims.getStringClaim("qsh")).isEqualTo(in.ourQsh());
        assertThat(claims.getIssuer()).isEqualTo(CLIENT_KEY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inbound")
    void aOneCharacterChangeToTheRequestNoLongerMatchesTheTokensQsh(Inbound in) throws Exception {
        String signedQsh =
                SignedJWT.parse(signedByPeer.get(in).token()).getJWTClaimsSet().getStringClaim("qsh");

        for (Inbound mutation : mutations(in)) {
            assertThat(mutation.ourQsh()).as(mutation.toString()).isNotEqualTo(signedQsh);
            assertThat(mutation.ourQsh()).as(mutation.toString()).isEqualTo(peerQshOfMutation.get(mutation));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inbound")
    void aOneCharacterChangeToTheSignatureIsRejected(Inbound in) {
        String token = signedByPeer.get(in).token();
        int signatureStart = token.lastIndexOf('.') + 1;
        // The first character: the last one of a base64url signature carries padding bits, and some
        // changes to it decode to the same bytes.
        char first = token.charAt(signatureStart);
        String tampered =
                token.substring(0, signatureStart) + (first == 'A' ? 'B' : 'A') + token.substring(signatureStart + 1);

        assertThatThrownBy(() -> Hs256.verify(SignedJWT.parse(tampered), SECRET))
                .isInstanceOf(JwtRejectedException.class)
                .hasMessage("signature does not verify");
    }

    @Test
    void aContextTokenMadeByAtlassianJwtVerifiesButMatchesNoComputedQsh() throws Exception {
        JWTClaimsSet claims = Hs256.verify(SignedJWT.parse(contextTokenByPeer.token()), SECRET);

        assertThat(claims.getStringClaim("qsh")).isEqualTo("context-qsh").isNotEqualTo(contextTokenByPeer.qsh());
        assertThat(claims.getSubject()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outbound")
    void anOutboundTokenWeSignIsAcceptedByAtlassianJwtWithItsOwnQsh(Outbound out) throws Exception {
        Verification verification = verifiedByPeer.get(out);
        JWTClaimsSet ours = SignedJWT.parse(ourTokens.get(out)).getJWTClaimsSet();

        assertThat(verification.ok())
                .as("decodeSymmetric: %s", verification.error())
                .isTrue();
        assertThat(verification.claims()).containsEntry("iss", APP_KEY).containsEntry("qsh", verification.qsh());
        assertThat(((Number) verification.claims().get("exp")).longValue()
                        - ((Number) verification.claims().get("iat")).longValue())
                .isEqualTo(180);
        assertThat(ours.getStringClaim("qsh")).isEqualTo(verification.qsh());
    }

    @Test
    void atlassianJwtRejectsATokenWeSignedWithAnotherSecret() {
        assertThat(tokenWithWrongSecretByPeer.ok()).isFalse();
        assertThat(tokenWithWrongSecretByPeer.error()).startsWith("Signature verification failed");
    }

    @Test
    void atlassianJwtCutsABasePathOutOfAWordWhereWeDoNot() {
        // A deliberate difference: atlassian-jwt strips the base path as a plain string prefix, so
        // "/base" turns "/basement" into "/ment"; we strip whole segments only.
        assertThat(peerOnBasement.canonical()).isEqualTo("GET&/ment&");
        assertThat(BASEMENT.ourCanonical()).isEqualTo("GET&/basement&");
    }

    @Test
    void atlassianJwtEscapesAQuoteInAParsedUrlPathWhereConnectKeepsIt() {
        // Node's url.parse escapes ' in paths before atlassian-jwt sees them; Connect's own signer
        // keeps it (interop vector "BasePath RFC3986 Subdelimiters"), and so do we. Iframe URLs
        // with quotes in their paths would hash differently in the two libraries: avoid them.
        assertThat(peerOnQuoteInPath.canonical()).isEqualTo("GET&/it%27s&a=b");
        assertThat(QUOTE_IN_PATH.ourCanonical()).isEqualTo("GET&/it's&a=b");
    }
}
