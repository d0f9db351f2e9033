package dev.casewright.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.env.Environment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        properties = {
            "casewright.base-url=https://casewright.example.com",
            "casewright.connect.app-key=dev.casewright.test"
        })
@AutoConfigureMockMvc
class DescriptorIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ConnectDescriptor descriptor;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Autowired
    JsonMapper json;

    @Autowired
    Environment environment;

    @Autowired
    ConnectProperties properties;

    @Test
    void theDescriptorIsServedWithoutCredentialsAndItsPlaceholdersResolved() throws Exception {
        String body = mvc.perform(get("/atlassian-connect.json"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/json"))
                .andExpect(jsonPath("$.key").value("dev.casewright.test"))
                .andExpect(jsonPath("$.baseUrl").value("https://casewright.example.com"))
                .andExpect(jsonPath("$.authentication.type").value("jwt"))
                .andExpect(jsonPath("$.apiMigrations['signed-install']").value(true))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(body).doesNotContain("${");
    }

    @Test
    void theServedDescriptorIsTheOneAtTheRepositoryRoot() throws Exception {
        JsonNode fromRepository = json.readTree(Files.readString(Path.of("atlassian-connect.json")));

        JsonNode served = ConnectDescriptor.resolve(fromRepository, json, environment, properties)
                .document();

        assertThat(served).isEqualTo(descriptor.document());
    }

    @Test
    void everyUrlInTheDescriptorHasAHandler() {
        assertThat(withoutHandler(descriptor.routes())).isEmpty();
    }

    @Test
    void theHandlerCheckReportsAUrlNobodyServes() {
        var broken = ConnectDescriptor.resolve(json.readTree("""
                        {"lifecycle": {"installed": "/lifecycle/nowhere"},
                         "modules": {"generalPages": [{"key": "page", "url": "/atlassian-connect.json"}],
                                     "webhooks": [{"key": "hook", "url": "/atlassian-connect.json"}]}}
                        """), json, environment, properties);

        assertThat(withoutHandler(broken.routes()))
                .extracting(ConnectDescriptor.Route::declaredAt)
                .containsExactlyInAnyOrder("lifecycle.installed", "modules.webhooks.hook");
    }

    @Test
    void moduleKeysAreUnique() {
        List<String> keys = new ArrayList<>();
        descriptor.document().path("modules").properties().forEach(module -> {
            JsonNode entries = module.getValue();
            (entries.isArray() ? entries.values() : List.of(entries))
                    .forEach(entry -> keys.add(entry.path("key").asString()));
        });

        assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
    }

    private List<ConnectDescriptor.Route> withoutHandler(List<ConnectDescriptor.Route> routes) {
        return routes.stream().filter(route -> !handled(route)).toList();
    }

    private boolean handled(ConnectDescriptor.Route route) {
        var request = new MockHttpServletRequest(route.method().name(), route.path());
        try {
            return handlers.getHandler(request) != null;
        } catch (Exception noHandlerForThisMethod) {
            return false;
        }
    }
}
