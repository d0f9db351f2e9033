package dev.casewright.publishing.zephyr;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how we call Zephyr Scale Cloud's REST API v2 (external-apis-jira-xray-zephyr.md C.1).
 *
 * @param baseUrl the API's base, not the Jira site: {@code https://api.zephyrscale.smartbear.com/v2}
 *     (the default) or the EU region's {@code https://eu.api.zephyrscale.smartbear.com/v2}
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer; after a create this means "outcome unknown"
 */
@Validated
@ConfigurationProperties("casewright.zephyr")
record ZephyrProperties(
        @NotNull @DefaultValue("https://api.zephyrscale.smartbear.com/v2")
        URI baseUrl,

        @NotNull @DefaultValue("PT5S") Duration connectTimeout,
        @NotNull @DefaultValue("PT30S") Duration readTimeout) {

    ZephyrProperties {
        if (baseUrl != null
                && (!baseUrl.isAbsolute()
                        || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme())))) {
            throw new IllegalArgumentException("casewright.zephyr.base-url must be an absolute http(s) URL");
        }
    }

    /** The base URL without a trailing slash, so paths can start with one. */
    String base() {
        String base = baseUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
