package dev.casewright.jira;

import static dev.casewright.jira.AdfFixtures.doc;
import static dev.casewright.jira.AdfFixtures.node;
import static dev.casewright.jira.AdfFixtures.paragraph;
import static dev.casewright.jira.AdfFixtures.parse;
import static dev.casewright.jira.AdfFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Whatever arrives in a description, the conversion returns text and never throws. */
class AdfToMarkdownMalformedInputTests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AdfToMarkdown converter = new AdfToMarkdown();

    private String markdown(String json) {
        return converter.convert(parse(json));
    }

    @Test
    void anUnknownBlockBecomesTheTextOfItsDescendants() {
        String adf =
                doc(node("futureWidget", "{\"colour\":\"teal\"}", paragraph(text("inside")), paragraph(text("twice"))));

        assertThat(markdown(adf)).isEqualTo("inside\n\ntwice");
    }

    @Test
    void anUnknownInlineNodeBecomesItsText() {
        String adf = doc(paragraph(
                text("a "),
                node("sparkle", "", text("glitter", AdfFixtures.mark("strong"))),
                text(" b "),
                "{\"type\":\"annotation\",\"text\":\"noted\"}"));

        assertThat(markdown(adf)).isEqualTo("a **glitter** b noted");
    }

    @Test
    void nodesWithoutContentGiveNothing() {
        String adf = doc(
                "{\"type\":\"paragraph\"}",
                "{\"type\":\"bulletList\"}",
                "{\"type\":\"table\"}",
                "{\"type\":\"codeBlock\"}",
                "{\"type\":\"heading\"}",
                "{\"type\":\"panel\"}",
                "{}",
                paragraph(text("kept")));

        assertThat(markdown(adf)).isEqualTo("kept");
    }

    @Test
    void contentThatIsAnObjectCountsAsItsOnlyChild() {
        String adf =
                "{\"type\":\"doc\",\"content\":{\"type\":\"paragraph\",\"content\":{\"type\":\"text\",\"text\":\"lone\"}}}";

        assertThat(markdown(adf)).isEqualTo("lone");
    }

    @Test
    void contentThatIsNeitherArrayNorObjectIsIgnored() {
        assertThat(markdown("{\"type\":\"doc\",\"content\":\"text\"}")).isEmpty();
        assertThat(markdown("{\"type\":\"doc\",\"content\":42}")).isEmpty();
        assertThat(markdown("{\"type\":\"doc\",\"content\":[\"hello\",null,3,[]," + paragraph(text("ok")) + "]}"))
                .isEqualTo("ok");
    }

    @Test
    void textThatIsANumberOrABooleanIsWrittenAsText() {
        assertThat(markdown(doc(paragraph("{\"type\":\"text\",\"text\":42}", "{\"type\":\"text\",\"text\":true}"))))
                .isEqualTo("42true");
    }

    @Test
    void textThatIsMissingAnObjectOrNullIsNothing() {
        assertThat(markdown(doc(paragraph(
                        "{\"type\":\"text\"}",
                        "{\"type\":\"text\",\"text\":{\"a\":1}}",
                        "{\"type\":\"text\",\"text\":null}",
                        text("rest")))))
                .isEqualTo("rest");
    }

    @Test
    void marksOfTheWrongShapeAreIgnored() {
        String adf = doc(paragraph(
                "{\"type\":\"text\",\"text\":\"a\",\"marks\":\"strong\"}",
                "{\"type\":\"text\",\"text\":\"b\",\"marks\":[1,null,{\"type\":5},{\"type\":\"link\"},{\"type\":\"subsup\"}]}",
                "{\"type\":\"text\",\"text\":\"c\",\"marks\":[{\"type\":\"link\",\"attrs\":{\"href\":[]}}]}"));

        assertThat(markdown(adf)).isEqualTo("abc");
    }

    @Test
    void attributesOfTheWrongTypeFallBackToDefaults() {
        String adf = doc(
                node("heading", "{\"level\":\"3\"}", text("numeric string")),
                node("heading", "{\"level\":\"high\"}", text("word")),
                node("orderedList", "{\"order\":-4}", AdfFixtures.item("negative")),
                node("orderedList", "\"not an object\"", AdfFixtures.item("string attrs")),
                paragraph(
                        node("mention", "{\"id\":\"557058:x\",\"text\":{\"name\":\"Ada\"}}"),
                        text(" "),
                        node("status", "{\"text\":[]}"),
                        node("date", "{\"timestamp\":\"99999999999999999999\"}"),
                        node("emoji", "{}")));

        assertThat(markdown(adf))
                .isEqualTo(
                        "### numeric string\n\n# word\n\n1. negative\n\n1. string attrs\n\n@user 99999999999999999999");
    }

    @Test
    void hostileSpansAreCapped() {
        String adf = doc(AdfFixtures.table(
                AdfFixtures.row(node("tableCell", "{\"colspan\":2000000000,\"rowspan\":-5}", paragraph(text("x"))))));

        String markdown = markdown(adf);

        assertThat(markdown.lines().findFirst().orElseThrow().chars().filter(c -> c == '|'))
                .hasSize(MarkdownTable.MAX_SPAN + 1);
        assertThat(markdown).contains("| x |");
    }

    @Test
    void rootsThatAreNotDocumentsStillConvert() {
        assertThat(markdown("[" + paragraph(text("one")) + "," + paragraph(text("two")) + "]"))
                .isEqualTo("one\n\ntwo");
        assertThat(markdown(paragraph(text("bare paragraph")))).isEqualTo("bare paragraph");
        assertThat(markdown(text("bare text"))).isEqualTo("bare text");
        assertThat(markdown("42")).isEmpty();
        assertThat(markdown("{}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"blockquote", "bulletList", "panel", "futureWidget", "tableCell", "expand"})
    void tenThousandLevelsOfNestingKeepTheTextAndBoundTheIndentation(String wrapper) {
        JsonNode deep = nested(10_000, wrapper, paragraphNode("deep text"));

        String markdown = converter.convert(document(deep));

        assertThat(markdown).contains("deep text");
        assertThat(markdown.lines().mapToInt(String::length).max().orElse(0))
                .isLessThan(4 * AdfToMarkdown.MAX_DEPTH + 50);
    }

    @Test
    void tenThousandLevelsOfInlineNestingKeepTheText() {
        ObjectNode inner = NODES.objectNode().put("type", "text").put("text", "leaf");
        for (int i = 0; i < 10_000; i++) {
            ObjectNode wrapper = NODES.objectNode().put("type", "span");
            wrapper.putArray("content").add(inner);
            inner = wrapper;
        }
        ObjectNode paragraph = NODES.objectNode().put("type", "paragraph");
        paragraph.putArray("content").add(inner);

        assertThat(converter.convert(document(paragraph))).isEqualTo("leaf");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aHugeTableIsConvertedCompletely() {
        ObjectNode table = NODES.objectNode().put("type", "table");
        ArrayNode rows = table.putArray("content");
        for (int r = 0; r < 5_000; r++) {
            ObjectNode row = NODES.objectNode().put("type", "tableRow");
            ArrayNode cells = row.putArray("content");
            for (int c = 0; c < 20; c++) {
                ObjectNode cell = NODES.objectNode().put("type", r == 0 ? "tableHeader" : "tableCell");
                cell.putArray("content").add(paragraphNode("r" + r + "c" + c));
                cells.add(cell);
            }
            rows.add(row);
        }

        String markdown = converter.convert(document(table));

        assertThat(markdown.lines()).hasSize(5_001);
        assertThat(markdown).startsWith("| r0c0 |").endsWith("| r4999c19 |");
    }

    private static ObjectNode nested(int levels, String wrapper, ObjectNode innermost) {
        ObjectNode inner = innermost;
        for (int i = 0; i < levels; i++) {
            ObjectNode outer = NODES.objectNode().put("type", wrapper);
            if (wrapper.equals("bulletList")) {
                ObjectNode item = NODES.objectNode().put("type", "listItem");
                item.putArray("content").add(inner);
                outer.putArray("content").add(item);
            } else {
                outer.putArray("content").add(inner);
            }
            inner = outer;
        }
        return inner;
    }

    private static ObjectNode paragraphNode(String text) {
        ObjectNode paragraph = NODES.objectNode().put("type", "paragraph");
        paragraph.putArray("content").add(NODES.objectNode().put("type", "text").put("text", text));
        return paragraph;
    }

    private static ObjectNode document(JsonNode block) {
        ObjectNode document = NODES.objectNode().put("type", "doc").put("version", 1);
        document.putArray("content").add(block);
        return document;
    }
}
