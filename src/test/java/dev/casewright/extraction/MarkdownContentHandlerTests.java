package dev.casewright.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tika.exception.WriteLimitReachedException;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

class MarkdownContentHandlerTests {

    private final BoundedText out = new BoundedText(10_000);

    @Test
    void separatesParagraphsWithABlankLineAndCollapsesSpaces() throws Exception {
        MarkdownContentHandler markdown = new MarkdownContentHandler(out, 0, false);

        element(markdown, "p", "  First   paragraph  ");
        element(markdown, "p", "Second\tparagraph");

        assertThat(out.close()).isEqualTo("First paragraph\n\nSecond paragraph");
    }

    @Test
    void writesHeadingsAndListItems() throws Exception {
        MarkdownContentHandler markdown = new MarkdownContentHandler(out, 0, false);

        element(markdown, "h2", "Checkout");
        start(markdown, "ul");
        element(markdown, "li", "Pay");
        element(markdown, "li", "Ship");
        end(markdown, "ul");
        element(markdown, "p", "Done.");

        assertThat(out.close()).isEqualTo("## Checkout\n\n- Pay\n- Ship\n\nDone.");
    }

    @Test
    void shiftsHeadingsByTheOffsetSoSheetNamesBecomeLevelThree() throws Exception {
        MarkdownContentHandler markdown = new MarkdownContentHandler(out, 2, false);

        element(markdown, "h1", "Sheet1");

        assertThat(out.close()).isEqualTo("### Sheet1");
    }

    @Test
    void writesTablesWithAHeaderRowAndEscapedBars() throws Exception {
        MarkdownContentHandler markdown = new MarkdownContentHandler(out, 0, false);

        start(markdown, "table");
        row(markdown, "th", "Name", "Rule");
        row(markdown, "td", "Ann", "a | b");
        row(markdown, "td", "Bo", "");
        end(markdown, "table");
        element(markdown, "p", "After.");

        assertThat(out.close()).isEqualTo("| Name | Rule |\n|---|---|\n| Ann | a \\| b |\n| Bo |  |\n\nAfter.");
    }

    @Test
    void flattensParagraphsAndNestedTablesInsideACell() throws Exception {
        MarkdownContentHandler markdown = new MarkdownContentHandler(out, 0, false);

        start(markdown, "table");
        start(markdown, "tr");
        start(markdown, "td");
        element(markdown, "p", "one");
        element(markdown, "p", "two");
        end(markdown, "td");
        start(markdown, "td");
        start(markdown, "table");
        row(markdown, "td", "inner");
        end(markdown, "table");
        end(markdown, "td");
        end(markdown, "tr");
        end(markdown, "table");

        assertThat(out.close()).isEqualTo("| one two | inner |\n|---|---|");
    }

    @Test
    void keepsTheLineLayoutOfPlainText() throws Exception {
        MarkdownContentHandler markdown = new MarkdownContentHandler(out, 0, true);

        element(markdown, "p", "line one\n  indented\r\n\nafter a blank line");

        assertThat(out.close()).isEqualTo("line one\n  indented\n\nafter a blank line");
    }

    @Test
    void stopsWithTikasWriteLimitExceptionAtTheLimit() throws Exception {
        BoundedText small = new BoundedText(5);
        MarkdownContentHandler markdown = new MarkdownContentHandler(small, 0, false);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> element(markdown, "p", "abcdefgh"))
                .isInstanceOf(WriteLimitReachedException.class);
        assertThat(small.limitReached()).isTrue();
        assertThat(small.close()).isEqualTo("abcde");
    }

    @Test
    void failsEveryWriteAfterItWasClosed() throws Exception {
        MarkdownContentHandler markdown = new MarkdownContentHandler(out, 0, false);
        element(markdown, "p", "before");
        out.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> element(markdown, "p", "after"))
                .isInstanceOf(SAXException.class)
                .hasMessage("Extraction was stopped");
    }

    private static void row(MarkdownContentHandler markdown, String cell, String... values) throws SAXException {
        start(markdown, "tr");
        for (String value : values) {
            element(markdown, cell, value);
        }
        end(markdown, "tr");
    }

    private static void element(MarkdownContentHandler markdown, String name, String text) throws SAXException {
        start(markdown, name);
        markdown.characters(text.toCharArray(), 0, text.length());
        end(markdown, name);
    }

    private static void start(MarkdownContentHandler markdown, String name) throws SAXException {
        markdown.startElement("http://www.w3.org/1999/xhtml", name, name, new AttributesImpl());
    }

    private static void end(MarkdownContentHandler markdown, String name) throws SAXException {
        markdown.endElement("http://www.w3.org/1999/xhtml", name, name);
    }
}
