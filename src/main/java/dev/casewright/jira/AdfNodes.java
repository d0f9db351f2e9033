package dev.casewright.jira;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads ADF nodes leniently. Jira's documents, and anything that reaches us claiming to be one, may
 * break the schema (a {@code content} that is an object, a {@code text} that is a number); every
 * accessor answers something usable instead of throwing.
 */
final class AdfNodes {

    /** Stands between two blocks in {@link #plainText}, so words of adjacent blocks stay apart. */
    private static final Object BLOCK_END = new Object();

    private AdfNodes() {}

    static String type(JsonNode node) {
        JsonNode type = node.get("type");
        return type != null && type.isString() ? type.stringValue() : "";
    }

    /** The child nodes; a lone object where an array belongs counts as one child. */
    static List<JsonNode> children(JsonNode node) {
        JsonNode content = node.get("content");
        if (content == null) {
            return List.of();
        }
        if (content.isObject()) {
            return List.of(content);
        }
        if (!content.isArray()) {
            return List.of();
        }
        List<JsonNode> children = new ArrayList<>(content.size());
        for (JsonNode child : content) {
            if (child.isObject()) {
                children.add(child);
            }
        }
        return children;
    }

    /** The node's own {@code text}, also when a producer wrote a number or a boolean there. */
    static @Nullable String text(JsonNode node) {
        return scalar(node.get("text"));
    }

    static @Nullable String attribute(JsonNode node, String name) {
        JsonNode attributes = node.get("attrs");
        return attributes != null && attributes.isObject() ? scalar(attributes.get(name)) : null;
    }

    static @Nullable JsonNode attributeNode(JsonNode node, String name) {
        JsonNode attributes = node.get("attrs");
        return attributes != null && attributes.isObject() ? attributes.get(name) : null;
    }

    /** A whole-number attribute, written as a number or as a string of digits. */
    static OptionalLong number(JsonNode node, String name) {
        JsonNode value = attributeNode(node, name);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return OptionalLong.of(value.longValue());
        }
        if (value.isNumber() && value.canConvertToLong()) {
            return OptionalLong.of((long) value.doubleValue());
        }
        if (value.isString()) {
            String digits = value.stringValue().strip();
            if (digits.matches("-?\\d{1,18}")) {
                return OptionalLong.of(Long.parseLong(digits));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The text of every text node below {@code node} in reading order, blocks separated by a space.
     * Iterative, so it serves where recursion stops: there is no depth it cannot read.
     */
    static String plainText(JsonNode node) {
        StringBuilder out = new StringBuilder();
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(node);
        while (!pending.isEmpty()) {
            Object next = pending.pop();
            if (next == BLOCK_END) {
                if (out.length() > 0 && !Character.isWhitespace(out.charAt(out.length() - 1))) {
                    out.append(' ');
                }
                continue;
            }
            JsonNode current = (JsonNode) next;
            String type = type(current);
            if (type.equals("hardBreak")) {
                out.append(' ');
                continue;
            }
            String text = text(current);
            if (text != null) {
                out.append(text);
            }
            List<JsonNode> children = children(current);
            if (!children.isEmpty() && !type.equals("text")) {
                pending.push(BLOCK_END);
                for (int i = children.size() - 1; i >= 0; i--) {
                    pending.push(children.get(i));
                }
            }
        }
        return out.toString().strip();
    }

    /** The text a code block holds, exactly as written, with hard breaks as newlines. */
    static String codeText(JsonNode codeBlock) {
        StringBuilder out = new StringBuilder();
        Deque<JsonNode> pending = new ArrayDeque<>();
        List<JsonNode> top = children(codeBlock);
        for (int i = top.size() - 1; i >= 0; i--) {
            pending.push(top.get(i));
        }
        while (!pending.isEmpty()) {
            JsonNode current = pending.pop();
            if (type(current).equals("hardBreak")) {
                out.append('\n');
                continue;
            }
            String text = text(current);
            if (text != null) {
                out.append(text);
            }
            List<JsonNode> children = children(current);
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(children.get(i));
            }
        }
        return out.toString();
    }

    private static @Nullable String scalar(@Nullable JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        return null;
    }
}
