package dev.casewright.generation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The display names of the people an ADF document mentions ({@code attrs.text} of its mention
 * nodes). The masker sees Markdown, where a mention is just {@code @Display Name}; this list lets it
 * mask single-word names and names with digits that no pattern would find.
 */
final class MentionNames {

    /** Deeper than any real document; the walk stops there instead of overflowing the stack. */
    private static final int MAX_DEPTH = 64;

    private MentionNames() {}

    static List<String> in(@Nullable JsonNode adf) {
        Set<String> names = new LinkedHashSet<>();
        collect(adf, 0, names);
        return new ArrayList<>(names);
    }

    private static void collect(@Nullable JsonNode node, int depth, Set<String> names) {
        if (node == null || depth > MAX_DEPTH) {
            return;
        }
        if (node.isObject() && "mention".equals(node.path("type").asString(""))) {
            String text = node.path("attrs").path("text").asString("");
            if (!text.isBlank()) {
                names.add(text.strip());
            }
        }
        if (node.isObject() || node.isArray()) {
            for (JsonNode child : node) {
                collect(child, depth + 1, names);
            }
        }
    }
}
