package dev.casewright.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ConnectPropertiesTests {

    private static final URI BASE_URL = URI.create("https://casewright.example.com");

    private static ConnectProperties bind(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "casewright.connect.app-key",
                "dev.casewright.test",
                "casewright.connect.base-url",
                BASE_URL.toString()));
        properties.putAll(extra);
        return new Binder(new MapConfigurationPropertySource(properties))
                .bind("casewright.connect", ConnectProperties.class)
                .get();
    }

    @Test
    void theOauthTokenUrlDefaultsToAtlassiansProductionEndpoint() {
        assertThat(bind(Map.of()).oauthTokenUrl())
                .isEqualTo(URI.create("https://oauth-2-authorization-server.services.atlassian.com/oauth2/token"));
    }

    @Test
    void theOauthTokenUrlCanPointAtAnotherEndpoint() {
        var staging = "https://oauth-2-authorization-server.stg.services.atlassian.com/oauth2/token";

        assertThat(bind(Map.of("casewright.connect.oauth-token-url", staging)).oauthTokenUrl())
                .isEqualTo(URI.create(staging));
    }

    @Test
    void theOauthTokenUrlMustBeAnAbsoluteHttpUrlWithAHostAndNoQuery() {
        assertThatThrownBy(() -> ConnectProperties.of("key", BASE_URL, URI.create("/oauth2/token")))
                .hasMessageContaining("oauth-token-url");
        assertThatThrownBy(() -> ConnectProperties.of("key", BASE_URL, URI.create("ftp://example.com/oauth2/token")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectProperties.of("key", BASE_URL, URI.create("https://example.com/token?x=1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectProperties.of("key", BASE_URL, URI.create("https://u:p@example.com/token")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAtlassianSitesMayInstallByDefault() {
        var properties = bind(Map.of());

        assertThat(properties.isAllowedSite(URI.create("https://acme.atlassian.net")))
                .isTrue();
        assertThat(properties.isAllowedSite(URI.create("https://ACME.Atlassian.NET")))
                .isTrue();
        assertThat(properties.isAllowedSite(URI.create("https://acme.jira.com")))
                .isTrue();
        assertThat(properties.isAllowedSite(URI.create("https://atlassian.net.evil.example")))
                .isFalse();
        assertThat(properties.isAllowedSite(URI.create("https://evilatlassian.net")))
                .isFalse();
        assertThat(properties.isAllowedSite(URI.create("http://169.254.169.254/latest")))
                .isFalse();
        assertThat(properties.isAllowedSite(URI.create("http://localhost:8080")))
                .isFalse();
    }
}
