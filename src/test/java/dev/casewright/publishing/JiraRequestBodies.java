package dev.casewright.publishing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks request bodies we send against the request schemas of Jira's published OpenAPI document
 * (an excerpt pinned in {@code src/test/resources/openapi}): {@code $ref}, {@code allOf}, types,
 * required and read-only properties, and {@code additionalProperties: false}. Enough to catch a
 * misspelt or misplaced field in what Jira validates strictly (issue links, for example).
 */
final class JiraRequestBodies {

    private final JsonNode spec;

    JiraRequestBodies() {
        try (InputStream in = new ClassPathResource("openapi/jira-platform-v3-publishing.json").getInputStream()) {
            spec = JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What in {@code body} the schema of the operation's request body does not allow; empty when all is well. */
    List<String> problems(String pathTemplate, String method, JsonNode body) {
        JsonNode operation = spec.path("paths").path(pathTemplate).path(method);
        if (operation.isMissingNode()) {
            throw new IllegalArgumentException("the pinned excerpt has no " + method + " " + pathTemplate);
        }
        JsonNode schema = operation
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        List<String> problems = new ArrayList<>();
        check(schema, body, "$", problems);
        return problems;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asString().replace("#/components/schemas/", "");
            check(spec.path("components").path("schemas").path(name), value, at, problems);
            return;
        }
        schema.path("allOf").forEach(part -> check(part, value, at, problems));
        String type = schema.path("type").asString("");
        switch (type) {
            case "object" -> object(schema, value, at, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(at + " must be an array");
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        check(schema.path("items"), value.get(i), at + "[" + i + "]", problems);
                    }
                }
            }
            case "string" -> {
                if (!value.isString()) {
                    problems.add(at + " must be a string");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(at + " must be a boolean");
                }
            }
            case "integer", "number" -> {
                if (!value.isNumber()) {
                    problems.add(at + " must be a number");
                }
            }
            default -> {
                // No type: any JSON value (an entity property's value, a comment's ADF body).
            }
        }
    }

    private void object(JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (!value.isObject()) {
            problems.add(at + " must be an object");
            return;
        }
        schema.path("required").forEach(required -> {
            if (!value.has(required.asString())) {
                problems.add(at + "." + required.asString() + " is required");
            }
        });
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            JsonNode property = properties.path(field.getKey());
            String path = at + "." + field.getKey();
            if (!property.isMissingNode()) {
                if (property.path("readOnly").asBoolean(false)) {
                    problems.add(path + " is read-only");
                }
                check(property, field.getValue(), path, problems);
            } else if (additional.isBoolean() && !additional.asBoolean()) {
                problems.add(path + " is not a property Jira knows here");
            } else if (additional.isObject()) {
                check(additional, field.getValue(), path, problems);
            }
        }
    }
}
