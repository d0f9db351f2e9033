package dev.casewright.connect;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param appKey the Connect app key; distinct per environment (dev, staging, production listings)
 * @param baseUrl our public URL as Jira sees it (set through {@code casewright.base-url})
 * @param oauthTokenUrl Atlassian's OAuth 2.0 token endpoint for user impersonation; only staging and
 *     FedRAMP installations (and tests) need another one
 * @param installKeysUrl where Atlassian publishes the public keys that sign install callbacks
 * @param licensingRequired whether the descriptor enables licensing and unlicensed sites are refused
 * @param allowedSiteHosts hosts an installing site's {@code baseUrl} may have: {@code .example.net}
 *     matches any subdomain, anything else the exact host. The installed body is not covered by
 *     Atlassian's signature, so this keeps a replayed install from pointing our calls elsewhere.
 * @param readTimeout the longest we wait for Jira's answer to one call
 */
@Validated
@ConfigurationProperties("casewright.connect")
record ConnectProperties(
        @NotNull
        @Pattern(
                regexp = "[a-zA-Z0-9._-]{1,64}",
                message = "must be 1 to 64 letters, digits, dots, underscores or hyphens")
        String appKey,

        @NotNull URI baseUrl,
        @NotNull @DefaultValue(DEFAULT_OAUTH_TOKEN_URL) URI oauthTokenUrl,
        @NotNull @DefaultValue(DEFAULT_INSTALL_KEYS_URL) URI installKeysUrl,
        @DefaultValue("false") boolean licensingRequired,

        @NotNull @DefaultValue({".atlassian.net", ".jira.com", ".jira-dev.com", ".atlassian-us-gov-mod.net"})
        List<String> allowedSiteHosts,

        @NotNull @DefaultValue("PT30S") Duration readTimeout) {

    static final String DEFAULT_OAUTH_TOKEN_URL =
            "https://oauth-2-authorization-server.services.atlassian.com/oauth2/token";
    static final String DEFAULT_INSTALL_KEYS_URL = "https://connect-install-keys.atlassian.com";

    ConnectProperties {
        if (baseUrl != null) {
            String scheme = baseUrl.getScheme();
            if (!baseUrl.isAbsolute()
                    || !("https".equals(scheme) || "http".equals(scheme))
                    || baseUrl.getRawQuery() != null
                    || baseUrl.getRawFragment() != null
                    || baseUrl.getPath().endsWith("/")) {
                throw new IllegalArgumentException(
                        "casewright.base-url must be an absolute http(s) URL without a trailing slash, query or "
                                + "fragment, for example https://casewright.example.com");
            }
        }
        if (oauthTokenUrl != null) {
            String scheme = oauthTokenUrl.getScheme();
            // The assertion's aud is derived from this URL's origin, so it needs a scheme and a host.
            if (!oauthTokenUrl.isAbsolute()
                    || !("https".equals(scheme) || "http".equals(scheme))
                    || oauthTokenUrl.getHost() == null
                    || oauthTokenUrl.getRawUserInfo() != null
                    || oauthTokenUrl.getRawQuery() != null
                    || oauthTokenUrl.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "casewright.connect.oauth-token-url must be an absolute http(s) URL without user info, query "
                                + "or fragment, for example " + DEFAULT_OAUTH_TOKEN_URL);
            }
        }
        if (installKeysUrl != null) {
            if (!installKeysUrl.isAbsolute() || installKeysUrl.getHost() == null) {
                throw new IllegalArgumentException(
                        "casewright.connect.install-keys-url must be an absolute URL, for example "
                                + DEFAULT_INSTALL_KEYS_URL);
            }
            // Key ids are appended as "/{kid}".
            installKeysUrl = URI.create(installKeysUrl.toString().replaceAll("/+$", ""));
        }
    }

    /** Properties with Atlassian's production endpoints, as tests and tools need them. */
    static ConnectProperties of(String appKey, URI baseUrl, URI oauthTokenUrl) {
        return new ConnectProperties(
                appKey,
                baseUrl,
                oauthTokenUrl,
                URI.create(DEFAULT_INSTALL_KEYS_URL),
                false,
                List.of(".atlassian.net"),
                Duration.ofSeconds(30));
    }

    boolean isAllowedSite(URI site) {
        String host = site.getHost();
        if (host == null) {
            return false;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        return allowedSiteHosts.stream()
                .map(allowed -> allowed.toLowerCase(Locale.ROOT))
                .anyMatch(allowed -> allowed.startsWith(".") ? lower.endsWith(allowed) : lower.equals(allowed));
    }
}
