package dev.casewright.jira;

import static dev.casewright.jira.AdfFixtures.bulletList;
import static dev.casewright.jira.AdfFixtures.cell;
import static dev.casewright.jira.AdfFixtures.codeBlock;
import static dev.casewright.jira.AdfFixtures.doc;
import static dev.casewright.jira.AdfFixtures.hardBreak;
import static dev.casewright.jira.AdfFixtures.header;
import static dev.casewright.jira.AdfFixtures.heading;
import static dev.casewright.jira.AdfFixtures.item;
import static dev.casewright.jira.AdfFixtures.link;
import static dev.casewright.jira.AdfFixtures.listItem;
import static dev.casewright.jira.AdfFixtures.mark;
import static dev.casewright.jira.AdfFixtures.node;
import static dev.casewright.jira.AdfFixtures.orderedList;
import static dev.casewright.jira.AdfFixtures.paragraph;
import static dev.casewright.jira.AdfFixtures.parse;
import static dev.casewright.jira.AdfFixtures.row;
import static dev.casewright.jira.AdfFixtures.table;
import static dev.casewright.jira.AdfFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;

class AdfToMarkdownTests {

    private final AdfToMarkdown converter = new AdfToMarkdown();

    private String markdown(String json) {
        return converter.convert(parse(json));
    }

    @Nested
    class Documents {

        @Test
        void nothingAJsonNullAMissingFieldAndAnEmptyDocumentAreEmptyText() {
            assertThat(converter.convert(null)).isEmpty();
            assertThat(converter.convert(JsonNodeFactory.instance.nullNode())).isEmpty();
            assertThat(converter.convert(MissingNode.getInstance())).isEmpty();
            assertThat(markdown(doc())).isEmpty();
            assertThat(markdown("{\"type\":\"doc\",\"version\":1}")).isEmpty();
            assertThat(markdown(doc(paragraph()))).isEmpty();
        }

        @Test
        void aPlainTextFieldComesBackAsWrittenWithNormalisedLineEnds() {
            assertThat(converter.convert(JsonNodeFactory.instance.stringNode("- one\r\n- two  \r\n\r\n\r\nend\n")))
                    .isEqualTo("- one\n- two\n\nend");
        }

        @Test
        void nestingEveryKindOfBlockStillGivesTidyOutput() {
            String code = codeBlock("gherkin", "Feature: f\n\n\n  Scenario: s\n");
            String list = bulletList(
                    listItem(paragraph(text("a ")), code, bulletList(listItem(paragraph(), paragraph(text("b"))))));
            String adf = doc(
                    paragraph(hardBreak(), text(" lead "), hardBreak(), hardBreak(), hardBreak()),
                    node("blockquote", "", paragraph(), list, paragraph(text("q"), hardBreak(), hardBreak())),
                    node("panel", "{\"panelType\":\"error\"}", table(row(cell(list), cell()))),
                    node("expand", "{\"title\":\" \"}"),
                    orderedList(1, listItem(code), listItem(node("panel", "{}", list))),
                    node(
                            "taskList",
                            "{}",
                            node("taskItem", "{\"state\":\"TODO\"}"),
                            node("taskList", "{}", node("taskItem", "{}", text(" t ")))),
                    paragraph(text("   ")));

            String markdown = markdown(adf);

            AdfToMarkdownFixtureTests.assertTidy(markdown);
            assertThat(markdown).contains("Scenario: s", "lead", "- [ ] t", "`Feature: f<br>  Scenario: s`");
        }

        @Test
        void blocksAreSeparatedByExactlyOneBlankLine() {
            assertThat(markdown(doc(paragraph(text("one")), paragraph(text("two")), node("rule", ""))))
                    .isEqualTo("one\n\ntwo\n\n---");
        }
    }

    @Nested
    class Paragraphs {

        @Test
        void aHardBreakStartsANewLine() {
            assertThat(markdown(doc(paragraph(text("first"), hardBreak(), text("second")))))
                    .isEqualTo("first\nsecond");
        }

        @Test
        void manyHardBreaksInARowLeaveOneBlankLine() {
            assertThat(markdown(doc(paragraph(text("a"), hardBreak(), hardBreak(), hardBreak(), text("b")))))
                    .isEqualTo("a\n\nb");
        }

        @Test
        void whitespaceAtTheEdgesOfALineIsDropped() {
            assertThat(markdown(doc(paragraph(text("  indented "), hardBreak(), text("\tnext\u00a0")))))
                    .isEqualTo("indented\nnext");
        }
    }

    @Nested
    class Headings {

        @ParameterizedTest
        @CsvSource({"1,#", "2,##", "3,###", "4,####", "5,#####", "6,######", "7,######", "0,#"})
        void aHeadingHasOneHashPerLevelFromOneToSix(int level, String hashes) {
            assertThat(markdown(doc(heading(level, text("Title"))))).isEqualTo(hashes + " Title");
        }

        @Test
        void aHeadingStaysOnOneLine() {
            assertThat(markdown(doc(heading(2, text("Two"), hardBreak(), text("lines")))))
                    .isEqualTo("## Two lines");
        }

        @Test
        void aClosingHashRunIsKeptAsText() {
            assertThat(markdown(doc(heading(2, text("Ticket #"))))).isEqualTo("## Ticket \\#");
        }
    }

    @Nested
    class Lists {

        @Test
        void bulletListsNestByIndentation() {
            String adf = doc(bulletList(
                    listItem(paragraph(text("fruit")), bulletList(item("apple"), item("pear"))), item("bread")));

            assertThat(markdown(adf)).isEqualTo("- fruit\n  - apple\n  - pear\n- bread");
        }

        @Test
        void orderedListsStartAtTheirOrderAndIndentToTheirMarker() {
            String adf =
                    doc(orderedList(9, item("nine"), listItem(paragraph(text("ten")), bulletList(item("detail")))));

            assertThat(markdown(adf)).isEqualTo("9. nine\n10. ten\n    - detail");
        }

        @Test
        void anOrderedListWithoutAStartBeginsAtOne() {
            assertThat(markdown(doc(node("orderedList", "", item("a"), item("b")))))
                    .isEqualTo("1. a\n2. b");
        }

        @Test
        void severalParagraphsInAnItemStayInTheItem() {
            assertThat(markdown(doc(bulletList(listItem(paragraph(text("one")), paragraph(text("two")))))))
                    .isEqualTo("- one\n\n  two");
        }

        @Test
        void aListPlacedDirectlyInAListBelongsToTheItemBeforeIt() {
            assertThat(markdown(doc(bulletList(item("parent"), bulletList(item("child"))))))
                    .isEqualTo("- parent\n  - child");
        }

        @Test
        void taskItemsBecomeCheckboxes() {
            String adf = doc(node(
                    "taskList",
                    "{\"localId\":\"l1\"}",
                    node("taskItem", "{\"localId\":\"t1\",\"state\":\"DONE\"}", text("write tests")),
                    node("taskItem", "{\"localId\":\"t2\",\"state\":\"TODO\"}", text("ship")),
                    node(
                            "taskList",
                            "{\"localId\":\"l2\"}",
                            node("taskItem", "{\"localId\":\"t3\",\"state\":\"TODO\"}", text("tell support")))));

            assertThat(markdown(adf)).isEqualTo("- [x] write tests\n- [ ] ship\n  - [ ] tell support");
        }

        @Test
        void decisionItemsAreMarkedAsDecisions() {
            String adf = doc(node(
                    "decisionList",
                    "{\"localId\":\"d\"}",
                    node("decisionItem", "{\"localId\":\"d1\",\"state\":\"DECIDED\"}", text("Use cursors"))));

            assertThat(markdown(adf)).isEqualTo("- **Decision:** Use cursors");
        }

        @Test
        void anEmptyItemKeepsItsMarkerWithoutTrailingSpace() {
            assertThat(markdown(doc(bulletList(listItem(paragraph()), item("b")))))
                    .isEqualTo("-\n- b");
        }
    }

    @Nested
    class Quotes {

        @Test
        void everyLineOfABlockquoteIsQuoted() {
            assertThat(markdown(doc(node(
                            "blockquote",
                            "",
                            paragraph(text("one"), hardBreak(), text("two")),
                            paragraph(text("three"))))))
                    .isEqualTo("> one\n> two\n>\n> three");
        }

        @ParameterizedTest
        @CsvSource({
            "info,Info",
            "note,Note",
            "warning,Warning",
            "success,Success",
            "error,Error",
            "tip,Tip",
            "custom,Note"
        })
        void aPanelIsAQuoteLabelledWithItsType(String panelType, String label) {
            String adf = doc(node("panel", "{\"panelType\":\"" + panelType + "\"}", paragraph(text("Mind this."))));

            assertThat(markdown(adf)).isEqualTo("> **" + label + ":** Mind this.");
        }

        @Test
        void aPanelThatStartsWithAListHasItsLabelOnALineOfItsOwn() {
            String adf = doc(node("panel", "{\"panelType\":\"note\"}", bulletList(item("a"), item("b"))));

            assertThat(markdown(adf)).isEqualTo("> **Note:**\n>\n> - a\n> - b");
        }

        @Test
        void anExpandShowsItsTitleThenItsContent() {
            String adf = doc(
                    node("expand", "{\"title\":\"Details\"}", paragraph(text("hidden"))),
                    node("nestedExpand", "{\"title\":\"More\"}", paragraph(text("deeper"))),
                    node("expand", "{}", paragraph(text("untitled"))));

            assertThat(markdown(adf)).isEqualTo("**Details**\n\nhidden\n\n**More**\n\ndeeper\n\nuntitled");
        }
    }

    @Nested
    class Code {

        @Test
        void aCodeBlockIsFencedWithItsLanguage() {
            assertThat(markdown(doc(codeBlock("java", "int x = 1;")))).isEqualTo("```java\nint x = 1;\n```");
        }

        @Test
        void aCodeBlockWithoutLanguageHasABareFence() {
            assertThat(markdown(doc(codeBlock("", "plain")))).isEqualTo("```\nplain\n```");
        }

        @Test
        void theFenceIsLongerThanAnyBacktickRunInTheCode() {
            assertThat(markdown(doc(codeBlock("md", "```\nnested\n`````"))))
                    .isEqualTo("``````md\n```\nnested\n`````\n``````");
        }

        @Test
        void codeIsKeptByteForByteWithItsBlankLinesTrailingSpacesAndFinalNewline() {
            String code = "Feature: x\n\n\n  Scenario: y  \n    Given *z* _w_ # not a heading\n";

            assertThat(markdown(doc(codeBlock("gherkin", code)))).isEqualTo("```gherkin\n" + code + "\n```");
        }

        @Test
        void aLanguageCannotBreakTheFenceLine() {
            assertThat(markdown(doc(codeBlock("java `x` more", "a")))).isEqualTo("```java\na\n```");
        }
    }

    @Nested
    class Tables {

        @Test
        void theFirstRowOfHeaderCellsIsTheHeaderRow() {
            String adf = doc(table(row(header("Input"), header("Result")), row(cell(paragraph(text("1"))), cell())));

            assertThat(markdown(adf)).isEqualTo("| Input | Result |\n| --- | --- |\n| 1 | |");
        }

        @Test
        void aTableWithoutHeaderRowGetsAnEmptyHeader() {
            String adf = doc(table(row(header("Name"), cell(paragraph(text("Ada")))), row(cell(paragraph(text("x"))))));

            assertThat(markdown(adf)).isEqualTo("| | |\n| --- | --- |\n| Name | Ada |\n| x | |");
        }

        @Test
        void cellsBecomeOneLineWithEscapedPipes() {
            String adf = doc(table(
                    row(header("A")),
                    row(cell(
                            paragraph(text("a | b"), hardBreak(), text("c")),
                            bulletList(item("d"), item("e")),
                            heading(3, text("f")),
                            codeBlock("sh", "ls | wc\n-l")))));

            assertThat(markdown(adf).lines().toList().get(2))
                    .isEqualTo("| a \\| b<br>c<br>- d<br>- e<br>**f**<br>`ls \\| wc<br>-l` |");
        }

        @Test
        void spannedCellsKeepTheFollowingCellsInTheirColumns() {
            String adf = doc(table(
                    row(header("A"), header("B"), header("C")),
                    row(
                            node("tableCell", "{\"rowspan\":2}", paragraph(text("tall"))),
                            node("tableCell", "{\"colspan\":2}", paragraph(text("wide")))),
                    row(cell(paragraph(text("b3"))), cell(paragraph(text("c3"))))));

            assertThat(markdown(adf)).isEqualTo("| A | B | C |\n| --- | --- | --- |\n| tall | wide | |\n| | b3 | c3 |");
        }
    }

    @Nested
    class InlineNodes {

        @Test
        void aMentionIsTheDisplayNameAndNeverTheAccountId() {
            String adf = doc(paragraph(
                    text("Ask "),
                    node("mention", "{\"id\":\"557058:f00-ba4\",\"text\":\"@Ada Lovelace\",\"accessLevel\":\"\"}"),
                    text(" and "),
                    node("mention", "{\"id\":\"712020:abc\",\"text\":\"Grace\"}"),
                    text(".")));

            assertThat(markdown(adf)).isEqualTo("Ask @Ada Lovelace and @Grace.").doesNotContain("557058", "712020");
        }

        @Test
        void aMentionWithoutTextIsAtUser() {
            assertThat(markdown(doc(paragraph(node("mention", "{\"id\":\"557058:f00\"}")))))
                    .isEqualTo("@user");
        }

        @Test
        void cardsBecomeLinksToTheirUrl() {
            String url = "https://example.atlassian.net/browse/ABC-1";
            String adf = doc(
                    paragraph(text("See "), node("inlineCard", "{\"url\":\"" + url + "\"}")),
                    node("blockCard", "{\"url\":\"" + url + "\"}"),
                    node("embedCard", "{\"url\":\"" + url + "\",\"layout\":\"wide\"}"),
                    node("blockCard", "{\"data\":{\"@type\":\"Document\",\"url\":\"https://example.com/d\"}}"));

            assertThat(markdown(adf))
                    .isEqualTo("See [" + url + "](" + url + ")\n\n[" + url + "](" + url + ")\n\n[" + url + "](" + url
                            + ")\n\n[https://example.com/d](https://example.com/d)");
        }

        @Test
        void mediaBecomesAPlaceholderNamedByAltTextOrFileName() {
            String adf = doc(
                    node(
                            "mediaSingle",
                            "{\"layout\":\"center\"}",
                            node(
                                    "media",
                                    "{\"id\":\"uuid-1\",\"type\":\"file\",\"collection\":\"\",\"alt\":\"mock.png\"}")),
                    node(
                            "mediaGroup",
                            "",
                            node("media", "{\"id\":\"uuid-2\",\"type\":\"file\",\"__fileName\":\"spec.pdf\"}"),
                            node("media", "{\"id\":\"uuid-3\",\"type\":\"file\"}")),
                    paragraph(text("inline "), node("mediaInline", "{\"id\":\"uuid-4\",\"alt\":\"icon\"}")));

            assertThat(markdown(adf))
                    .isEqualTo("[image: mock.png]\n\n[image: spec.pdf]\n[image: attachment]\n\ninline [image: icon]")
                    .doesNotContain("uuid");
        }

        @Test
        void aStatusIsItsTextInBrackets() {
            assertThat(markdown(doc(paragraph(
                            text("State: "),
                            node("status", "{\"text\":\"IN REVIEW\",\"color\":\"blue\",\"localId\":\"s\"}")))))
                    .isEqualTo("State: [IN REVIEW]");
        }

        @ParameterizedTest
        @CsvSource({
            "\"1744070400000\",2025-04-08",
            "\"1744070400\",2025-04-08",
            "1756684800000,2025-09-01",
            "\"tomorrow\",tomorrow"
        })
        void aDateIsTheIsoDayInUtc(String timestamp, String day) {
            assertThat(markdown(doc(paragraph(text("Due "), node("date", "{\"timestamp\":" + timestamp + "}")))))
                    .isEqualTo("Due " + day);
        }

        @Test
        void anEmojiIsItsTextOrElseItsShortName() {
            String adf = doc(paragraph(
                    node("emoji", "{\"shortName\":\":eyes:\",\"id\":\"1f440\",\"text\":\"👀\"}"),
                    text(" "),
                    node("emoji", "{\"shortName\":\":party-parrot:\",\"id\":\"custom\"}")));

            assertThat(markdown(adf)).isEqualTo("👀 :party-parrot:");
        }

        @Test
        void extensionsGiveTheirTextAndPlaceholdersNothing() {
            String adf = doc(
                    node("extension", "{\"extensionType\":\"com.example\",\"extensionKey\":\"k\",\"text\":\"Chart\"}"),
                    node("extension", "{\"extensionType\":\"com.example\",\"extensionKey\":\"k\"}"),
                    node("bodiedExtension", "{\"extensionKey\":\"k\"}", paragraph(text("body"))),
                    paragraph(
                            text("a "),
                            node("inlineExtension", "{\"extensionKey\":\"k\",\"text\":\"inline\"}"),
                            node("placeholder", "{\"text\":\"Type the steps here\"}")));

            assertThat(markdown(adf)).isEqualTo("Chart\n\nbody\n\na inline");
        }

        @Test
        void layoutColumnsAreReadInOrder() {
            String adf = doc(node(
                    "layoutSection",
                    "",
                    node("layoutColumn", "{\"width\":50}", paragraph(text("left"))),
                    node("layoutColumn", "{\"width\":50}", paragraph(text("right")))));

            assertThat(markdown(adf)).isEqualTo("left\n\nright");
        }
    }

    @Nested
    class Marks {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "{\"type\":\"strong\"}|**word**",
                    "{\"type\":\"em\"}|*word*",
                    "{\"type\":\"code\"}|`word`",
                    "{\"type\":\"strike\"}|~~word~~",
                    "{\"type\":\"underline\"}|<u>word</u>",
                    "{\"type\":\"subsup\",\"attrs\":{\"type\":\"sub\"}}|<sub>word</sub>",
                    "{\"type\":\"subsup\",\"attrs\":{\"type\":\"sup\"}}|<sup>word</sup>",
                    "{\"type\":\"link\",\"attrs\":{\"href\":\"https://example.com\"}}|[word](https://example.com)",
                    "{\"type\":\"textColor\",\"attrs\":{\"color\":\"#ff5630\"}}|word",
                    "{\"type\":\"backgroundColor\",\"attrs\":{\"color\":\"#fedec8\"}}|word"
                })
        void eachMarkHasItsMarkdown(String mark, String expected) {
            assertThat(markdown(doc(paragraph(text("word", mark))))).isEqualTo(expected);
        }

        @Test
        void marksThatContinueStayOpen() {
            String adf = doc(paragraph(
                    text("a", mark("strong")), text("b", mark("strong"), mark("em")), text("c", mark("strong"))));

            assertThat(markdown(adf)).isEqualTo("**a*b*c**");
        }

        @Test
        void whitespaceAtTheEdgeOfAMarkedTextMovesOutsideTheDelimiters() {
            assertThat(markdown(doc(paragraph(text("bold ", mark("strong")), text("plain")))))
                    .isEqualTo("**bold** plain");
        }

        @Test
        void codeSpansUseMoreBackticksThanTheyContain() {
            assertThat(markdown(doc(paragraph(text("a`b", mark("code")))))).isEqualTo("``a`b``");
            assertThat(markdown(doc(paragraph(text("`tick", mark("code")))))).isEqualTo("`` `tick ``");
        }

        @Test
        void codeInsideALinkKeepsBoth() {
            assertThat(markdown(doc(paragraph(text("GET /x", link("https://example.com/x"), mark("code"))))))
                    .isEqualTo("[`GET /x`](https://example.com/x)");
        }

        @Test
        void neighbouringTextsWithTheSameMarksAreOneSpan() {
            assertThat(markdown(doc(paragraph(text("foo", mark("code")), text("bar", mark("code"))))))
                    .isEqualTo("`foobar`");
        }

        @Test
        void aLinkDestinationCannotEndTheLinkEarly() {
            assertThat(markdown(doc(paragraph(text("x", link("https://example.com/a b)c"))))))
                    .isEqualTo("[x](https://example.com/a%20b%29c)");
            assertThat(markdown(doc(paragraph(text("wiki", link("https://en.wikipedia.org/wiki/Foo_(bar)"))))))
                    .isEqualTo("[wiki](https://en.wikipedia.org/wiki/Foo_(bar))");
        }
    }

    @Nested
    class Escaping {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "# not a heading|\\# not a heading",
                    "> not a quote|\\> not a quote",
                    "- not a list|\\- not a list",
                    "+ not a list|\\+ not a list",
                    "* not a list|\\* not a list",
                    "2025. was a year|2025\\. was a year",
                    "1) not a list|1\\) not a list",
                    "---|\\---",
                    "===|\\===",
                    "~~~ not a fence|\\~\\~\\~ not a fence",
                    "#hashtag stays|#hashtag stays",
                    "-5 degrees stays|-5 degrees stays"
                })
        void textThatWouldStartABlockIsEscapedAtTheStartOfALine(String text, String expected) {
            assertThat(markdown(doc(paragraph(text(text))))).isEqualTo(expected);
            assertThat(markdown(doc(paragraph(text("first"), hardBreak(), text(text)))))
                    .isEqualTo("first\n" + expected);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "snake_case_name|snake_case_name",
                    "5 * 3 = 15|5 * 3 = 15",
                    "*important*|\\*important\\*",
                    "_init_|\\_init\\_",
                    "use `x`|use \\`x\\`",
                    "C:\\Users\\me|C:\\Users\\me",
                    "a \\* b|a \\\\\\* b",
                    "~5 min|~5 min",
                    "~~gone~~|\\~\\~gone\\~\\~"
                })
        void emphasisCharactersAreEscapedOnlyWhereTheyCouldFormat(String text, String expected) {
            assertThat(markdown(doc(paragraph(text(text))))).isEqualTo(expected);
        }

        @Test
        void bracketsInsideLinkTextAreEscaped() {
            assertThat(markdown(doc(paragraph(text("[draft] spec", link("https://example.com"))))))
                    .isEqualTo("[\\[draft\\] spec](https://example.com)");
        }
    }
}
