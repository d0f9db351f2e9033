package dev.casewright.publishing.xray;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how we call Xray Cloud (external-apis-jira-xray-zephyr.md B.1).
 *
 * @param baseUrl the region's host: global {@code https://xray.cloud.getxray.app} (the default),
 *     {@code https://us.xray.cloud.getxray.app}, {@code https://eu.xray.cloud.getxray.app} or
 *     {@code https://au.xray.cloud.getxray.app}
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer; after a create this means "outcome unknown"
 * @param tokenLifetime how long an authentication token is reused: less than Xray's 24 hours
 */
@Validated
@ConfigurationProperties("casewright.xray")
record XrayProperties(
        @NotNull @DefaultValue("https://xray.cloud.getxray.app")
        URI baseUrl,

        @NotNull @DefaultValue("PT5S") Duration connectTimeout,
        @NotNull @DefaultValue("PT30S") Duration readTimeout,
        @NotNull @DefaultValue("PT23H") Duration tokenLifetime) {

    XrayProperties {
        if (baseUrl != null
                && (!baseUrl.isAbsolute()
                        || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme())))) {
            throw new IllegalArgumentException("casewright.xray.base-url must be an absolute http(s) URL");
        }
        if (tokenLifetime != null
                && (tokenLifetime.isNegative() || tokenLifetime.compareTo(Duration.ofHours(24)) >= 0)) {
            throw new IllegalArgumentException("casewright.xray.token-lifetime must be shorter than Xray's 24 hours");
        }
    }

    /** The base URL without a trailing slash, so paths can start with one. */
    String base() {
        String base = baseUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
