package dev.casewright.connect;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param appKey the Connect app key; distinct per environment (dev, staging, production listings)
 * @param baseUrl our public URL as Jira sees it (set through {@code casewright.base-url})
 */
@Validated
@ConfigurationProperties("casewright.connect")
record ConnectProperties(
        @NotNull
        @Pattern(
                regexp = "[a-zA-Z0-9._-]{1,64}",
                message = "must be 1 to 64 letters, digits, dots, underscores or hyphens")
        String appKey,

        @NotNull URI baseUrl) {

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
    }
}
