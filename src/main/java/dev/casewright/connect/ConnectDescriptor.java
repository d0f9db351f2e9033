package dev.casewright.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The Connect descriptor: {@code atlassian-connect.json} from the repository root, copied onto the
 * classpath by the build. {@code ${...}} placeholders inside string values are resolved from the
 * Spring environment once, at start-up; an unresolvable one stops the start. Resolving inside
 * parsed strings (not in the raw text) means a property value can never break or extend the JSON.
 */
final class ConnectDescriptor {

    static final String LOCATION = "connect/atlassian-connect.json";

    private final ObjectNode document;
    private final byte[] bytes;

    private ConnectDescriptor(ObjectNode document, JsonMapper json) {
        this.document = document;
        this.bytes = json.writeValueAsBytes(document);
    }

    static ConnectDescriptor load(JsonMapper json, PropertyResolver properties, ConnectProperties connect) {
        try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
            return resolve(json.readTree(in), json, properties, connect);
        } catch (IOException e) {
            throw new UncheckedIOException("the Connect descriptor is missing from the classpath: " + LOCATION, e);
        }
    }

    static ConnectDescriptor resolve(
            JsonNode template, JsonMapper json, PropertyResolver properties, ConnectProperties connect) {
        if (!(template instanceof ObjectNode root)) {
            throw new IllegalStateException("the Connect descriptor must be a JSON object");
        }
        ObjectNode resolved = (ObjectNode) resolveStrings(root.deepCopy(), properties);
        // Validated values win over whatever the file says, so the two can never disagree.
        resolved.put("key", connect.appKey());
        resolved.put("baseUrl", connect.baseUrl().toString());
        resolved.put("enableLicensing", connect.licensingRequired());
        return new ConnectDescriptor(resolved, json);
    }

    private static JsonNode resolveStrings(JsonNode node, PropertyResolver properties) {
        if (node.isString()) {
            return StringNode.valueOf(properties.resolveRequiredPlaceholders(node.stringValue()));
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
                object.set(field.getKey(), resolveStrings(field.getValue(), properties));
            }
        } else if (node.isArray()) {
            var array = (tools.jackson.databind.node.ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, resolveStrings(array.get(i), properties));
            }
        }
        return node;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    JsonNode document() {
        return document.deepCopy();
    }

    /** A URL Jira will call, relative to {@code baseUrl}, with the method Jira uses. */
    record Route(HttpMethod method, String path, String declaredAt) {}

    /**
     * Every URL Jira may call: lifecycle callbacks and webhooks (POST), module pages (GET). Context
     * parameters in the query ({@code ?issueKey={issue.key}}) are dropped; the path must be ours.
     */
    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        JsonNode lifecycle = document.path("lifecycle");
        for (Map.Entry<String, JsonNode> callback : lifecycle.properties()) {
            routes.add(new Route(HttpMethod.POST, path(callback.getValue()), "lifecycle." + callback.getKey()));
        }
        for (Map.Entry<String, JsonNode> module : document.path("modules").properties()) {
            JsonNode entries = module.getValue();
            List<JsonNode> declarations = new ArrayList<>();
            if (entries.isArray()) {
                entries.forEach(declarations::add);
            } else {
                declarations.add(entries);
            }
            for (JsonNode declaration : declarations) {
                if (declaration.path("url").isString()) {
                    HttpMethod method = "webhooks".equals(module.getKey()) ? HttpMethod.POST : HttpMethod.GET;
                    String where = "modules." + module.getKey() + "."
                            + declaration.path("key").asString("");
                    routes.add(new Route(method, path(declaration.get("url")), where));
                }
                JsonNode target = declaration.path("target");
                if (target.path("url").isString()) {
                    routes.add(new Route(
                            HttpMethod.GET, path(target.get("url")), "modules." + module.getKey() + ".target"));
                }
            }
        }
        return routes;
    }

    private static String path(JsonNode url) {
        String value = url.stringValue();
        int query = value.indexOf('?');
        return query < 0 ? value : value.substring(0, query);
    }
}
