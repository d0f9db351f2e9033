package dev.casewright.jira;

import java.util.Arrays;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds ADF as JSON text, so a test reads like the document it converts. */
final class AdfFixtures {

    private AdfFixtures() {}

    static JsonNode parse(String json) {
        return JsonMapper.shared().readTree(json);
    }

    static String doc(String... content) {
        return "{\"type\":\"doc\",\"version\":1,\"content\":[" + join(content) + "]}";
    }

    static String node(String type, String attributes, String... content) {
        return "{\"type\":" + quoted(type) + (attributes.isEmpty() ? "" : ",\"attrs\":" + attributes)
                + (content.length == 0 ? "" : ",\"content\":[" + join(content) + "]") + "}";
    }

    static String paragraph(String... inline) {
        return node("paragraph", "", inline);
    }

    static String heading(int level, String... inline) {
        return node("heading", "{\"level\":" + level + "}", inline);
    }

    static String bulletList(String... items) {
        return node("bulletList", "", items);
    }

    static String orderedList(int order, String... items) {
        return node("orderedList", "{\"order\":" + order + "}", items);
    }

    static String listItem(String... blocks) {
        return node("listItem", "", blocks);
    }

    /** A list item holding one paragraph of plain text. */
    static String item(String text) {
        return listItem(paragraph(text(text)));
    }

    static String text(String text, String... marks) {
        return "{\"type\":\"text\",\"text\":" + quoted(text)
                + (marks.length == 0 ? "" : ",\"marks\":[" + join(marks) + "]") + "}";
    }

    static String mark(String type) {
        return "{\"type\":" + quoted(type) + "}";
    }

    static String mark(String type, String attributes) {
        return "{\"type\":" + quoted(type) + ",\"attrs\":" + attributes + "}";
    }

    static String link(String href) {
        return mark("link", "{\"href\":" + quoted(href) + "}");
    }

    static String hardBreak() {
        return "{\"type\":\"hardBreak\"}";
    }

    static String codeBlock(String language, String code) {
        return node("codeBlock", language.isEmpty() ? "" : "{\"language\":" + quoted(language) + "}", text(code));
    }

    static String table(String... rows) {
        return node("table", "{\"isNumberColumnEnabled\":false,\"layout\":\"default\"}", rows);
    }

    static String row(String... cells) {
        return node("tableRow", "", cells);
    }

    static String header(String text) {
        return node("tableHeader", "{}", paragraph(text(text)));
    }

    static String cell(String... blocks) {
        return node("tableCell", "{}", blocks);
    }

    static String quoted(String text) {
        return JsonMapper.shared().writeValueAsString(text);
    }

    private static String join(String... parts) {
        return Arrays.stream(parts).collect(Collectors.joining(","));
    }
}
