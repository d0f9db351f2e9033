package dev.casewright.publishing.zephyr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * Checks request bodies against the schemas of the pinned Zephyr Scale OpenAPI description: the
 * part of JSON Schema that description uses ($ref, allOf, type, required, properties, items, enum,
 * pattern, lengths, minimum), strict about properties the schema does not declare, so a misspelt
 * field fails the test instead of being dropped silently by Zephyr.
 */
public final class ZephyrOpenApi {

    private static final Map<String, Object> SCHEMAS = load();

    private ZephyrOpenApi() {}

    /** What is wrong with the value as the named schema ({@code TestCaseInput}); empty when nothing. */
    public static List<String> violations(String schema, JsonNode value) {
        List<String> violations = new ArrayList<>();
        check(schema(schema), value, "$", violations);
        return violations;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        var options = new LoaderOptions();
        options.setCodePointLimit(10_000_000);
        try (InputStream in = new ClassPathResource("openapi/zephyr-scale-cloud-v2.yml").getInputStream()) {
            Map<String, Object> spec = new Yaml(options).load(in);
            return (Map<String, Object>) ((Map<String, Object>) spec.get("components")).get("schemas");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(String name) {
        Object schema = SCHEMAS.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("the pinned description has no schema " + name);
        }
        return (Map<String, Object>) schema;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolved(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        return resolved(schema(ref.toString().substring("#/components/schemas/".length())));
    }

    /** allOf branches merged into one schema: their properties, required names and keywords. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(Map<String, Object> schema) {
        Map<String, Object> own = resolved(schema);
        if (!own.containsKey("allOf")) {
            return own;
        }
        Map<String, Object> merged = new LinkedHashMap<>(own);
        merged.remove("allOf");
        Map<String, Object> properties =
                new LinkedHashMap<>((Map<String, Object>) own.getOrDefault("properties", Map.of()));
        Set<Object> required = new LinkedHashSet<>((List<Object>) own.getOrDefault("required", List.of()));
        for (Object branch : (List<Object>) own.get("allOf")) {
            Map<String, Object> part = merged((Map<String, Object>) branch);
            properties.putAll((Map<String, Object>) part.getOrDefault("properties", Map.of()));
            required.addAll((List<Object>) part.getOrDefault("required", List.of()));
            part.forEach((keyword, value) -> {
                if (!keyword.equals("properties") && !keyword.equals("required")) {
                    merged.putIfAbsent(keyword, value);
                }
            });
        }
        merged.put("properties", properties);
        merged.put("required", new ArrayList<>(required));
        merged.putIfAbsent("type", "object");
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> schemaOrRef, JsonNode value, String path, List<String> out) {
        Map<String, Object> schema = merged(schemaOrRef);
        if (value.isNull()) {
            if (!Boolean.TRUE.equals(schema.get("nullable"))) {
                out.add(path + " is null");
            }
            return;
        }
        Object type = schema.get("type");
        if (type == null && schema.containsKey("properties")) {
            type = "object";
        }
        if (type == null) {
            return;
        }
        switch (type.toString()) {
            case "object" -> {
                if (!value.isObject()) {
                    out.add(path + " is not an object");
                    return;
                }
                Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                for (Object name : (List<Object>) schema.getOrDefault("required", List.of())) {
                    if (!value.has(name.toString())) {
                        out.add(path + "." + name + " is required");
                    }
                }
                for (String name : value.propertyNames()) {
                    Object property = properties.get(name);
                    if (property != null) {
                        check((Map<String, Object>) property, value.get(name), path + "." + name, out);
                    } else if (!schema.containsKey("additionalProperties")) {
                        out.add(path + "." + name + " is not in the schema");
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    out.add(path + " is not an array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check((Map<String, Object>) schema.get("items"), value.get(i), path + "[" + i + "]", out);
                }
            }
            case "string" -> {
                if (!value.isString()) {
                    out.add(path + " is not a string");
                    return;
                }
                String text = value.asString();
                if (schema.get("minLength") instanceof Integer min && text.length() < min) {
                    out.add(path + " is shorter than " + min);
                }
                if (schema.get("maxLength") instanceof Integer max && text.length() > max) {
                    out.add(path + " is longer than " + max);
                }
                if (schema.get("pattern") instanceof String pattern
                        && !Pattern.compile(pattern).matcher(text).find()) {
                    out.add(path + " does not match " + pattern);
                }
                if (schema.get("enum") instanceof List<?> values && !values.contains(text)) {
                    out.add(path + " is not one of " + values);
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    out.add(path + " is not an integer");
                } else if (schema.get("minimum") instanceof Number min && value.asLong() < min.longValue()) {
                    out.add(path + " is less than " + min);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    out.add(path + " is not a number");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    out.add(path + " is not a boolean");
                }
            }
            default -> out.add(path + " has a schema type this check does not know: " + type);
        }
    }
}
