package dev.casewright.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

class ConnectDescriptorTests {

    private static final URI TOKEN_URL = URI.create(ConnectProperties.DEFAULT_OAUTH_TOKEN_URL);

    private final JsonMapper json = JsonMapper.builder().build();
    private final ConnectProperties properties =
            ConnectProperties.of("dev.casewright.test", URI.create("https://casewright.example.com"), TOKEN_URL);

    private ConnectDescriptor resolve(String template, MockEnvironment environment) {
        return ConnectDescriptor.resolve(json.readTree(template), json, environment, properties);
    }

    @Test
    void placeholdersInNestedStringsAreResolvedFromTheEnvironment() {
        var environment = new MockEnvironment().withProperty("casewright.vendor", "Acme QA");

        var descriptor = resolve("{\"vendor\": {\"name\": \"${casewright.vendor}\"}}", environment);

        assertThat(descriptor.document().path("vendor").path("name").stringValue())
                .isEqualTo("Acme QA");
    }

    @Test
    void aPropertyValueCannotBreakOutOfItsJsonString() {
        var environment = new MockEnvironment().withProperty("evil", "x\", \"scopes\": [\"ADMIN\"], \"y\": \"");

        var descriptor = resolve("{\"name\": \"${evil}\"}", environment);

        assertThat(descriptor.document().has("scopes")).isFalse();
        assertThat(descriptor.document().path("name").stringValue()).startsWith("x\"");
    }

    @Test
    void keyAndBaseUrlComeFromTheValidatedProperties() {
        var descriptor = resolve("{\"key\": \"something-else\"}", new MockEnvironment());

        assertThat(descriptor.document().path("key").stringValue()).isEqualTo("dev.casewright.test");
        assertThat(descriptor.document().path("baseUrl").stringValue()).isEqualTo("https://casewright.example.com");
    }

    @Test
    void anUnresolvablePlaceholderStopsTheStart() {
        assertThatThrownBy(() -> resolve("{\"name\": \"${casewright.missing}\"}", new MockEnvironment()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("casewright.missing");
    }

    @Test
    void routesListLifecycleCallbacksAsPostAndModulePagesAsGetWithoutTheirContextParameters() {
        var descriptor = resolve("""
                {"lifecycle": {"installed": "/lifecycle/installed"},
                 "modules": {
                   "jiraIssueContents": [{"key": "panel", "target": {"type": "web_panel",
                       "url": "/panel/issue?issueKey={issue.key}&issueId={issue.id}"}}],
                   "configurePage": {"key": "configure", "url": "/admin/configure"},
                   "webhooks": [{"event": "jira:issue_updated", "url": "/webhooks/issue-updated"}]}}
                """, new MockEnvironment());

        assertThat(descriptor.routes())
                .extracting(ConnectDescriptor.Route::method, ConnectDescriptor.Route::path)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(HttpMethod.POST, "/lifecycle/installed"),
                        org.assertj.core.groups.Tuple.tuple(HttpMethod.GET, "/panel/issue"),
                        org.assertj.core.groups.Tuple.tuple(HttpMethod.GET, "/admin/configure"),
                        org.assertj.core.groups.Tuple.tuple(HttpMethod.POST, "/webhooks/issue-updated"));
    }

    @Test
    void theBaseUrlMustBeAnAbsoluteHttpUrlWithoutTrailingSlash() {
        assertThatThrownBy(() -> ConnectProperties.of("key", URI.create("https://example.com/"), TOKEN_URL))
                .hasMessageContaining("trailing slash");
        assertThatThrownBy(() -> ConnectProperties.of("key", URI.create("/relative"), TOKEN_URL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectProperties.of("key", URI.create("ftp://example.com"), TOKEN_URL))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
