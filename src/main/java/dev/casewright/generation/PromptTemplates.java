package dev.casewright.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The versioned prompt templates in {@code prompts/generation/<version>/}. The version is
 * recorded with every model call, so a change of wording can be told apart in usage and
 * evaluation. Tenant instructions go inside a fixed frame and never replace it; issue text is
 * wrapped in data markers with a random nonce per request, so text in an issue cannot close
 * the marker and pose as instructions.
 */
@Component
class PromptTemplates {

    static final String VERSION = "v1";
    static final int MAX_TENANT_INSTRUCTIONS = 4_000;
    private static final List<String> NAMES = List.of("system", "tenant-instructions", "plan", "expand", "repair");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> templates = new LinkedHashMap<>();

    PromptTemplates() {
        for (String name : NAMES) {
            String location = "prompts/generation/" + VERSION + "/" + name + ".txt";
            try {
                templates.put(name, new ClassPathResource(location).getContentAsString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("prompt template missing: " + location, e);
            }
        }
    }

    String version() {
        return VERSION;
    }

    /** Markers for one request; the nonce makes them impossible to forge from inside the data. */
    record DataMarkers(String open, String close) {

        static DataMarkers random() {
            byte[] nonce = new byte[8];
            RANDOM.nextBytes(nonce);
            String id = HexFormat.of().formatHex(nonce);
            return new DataMarkers("<issue_data id=\"" + id + "\">", "</issue_data id=\"" + id + "\">");
        }
    }

    String system(String tenantInstructions, DataMarkers markers) {
        String instructions = tenantInstructions.strip();
        if (instructions.length() > MAX_TENANT_INSTRUCTIONS) {
            instructions = instructions.substring(0, MAX_TENANT_INSTRUCTIONS);
        }
        String frame =
                instructions.isEmpty() ? "" : render("tenant-instructions", Map.of("instructions", instructions));
        return render(
                        "system",
                        Map.of("tenantInstructions", frame, "dataOpen", markers.open(), "dataClose", markers.close()))
                .strip();
    }

    String render(String name, Map<String, String> values) {
        String template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no prompt template " + name);
        }
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholders.find()) {
            String value = values.get(placeholders.group(1));
            if (value == null) {
                throw new IllegalArgumentException("prompt " + name + " needs a value for " + placeholders.group(1));
            }
            // Values are inserted once and never scanned again: a {{...}} inside issue text stays text.
            placeholders.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        placeholders.appendTail(out);
        return out.toString();
    }
}
