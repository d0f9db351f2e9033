package dev.casewright.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class AdfDocumentsTests {

    private static final String LOGIN = """
            Scenario: Successful login
              Given a registered user "ada@example.com"
              When she signs in with the right password
              Then she sees her dashboard""";

    private final AdfToMarkdown toMarkdown = new AdfToMarkdown();

    @Test
    void blankLinesSeparateParagraphsAndSingleNewlinesBecomeHardBreaks() {
        ObjectNode document = AdfDocuments.document(AdfDocuments.paragraphs("one\ntwo\r\n\r\n  \nthree  \n"));

        assertValidAdf(document);
        assertThat(document.get("content")).hasSize(2);
        assertThat(types(document.get("content").get(0))).containsExactly("text", "hardBreak", "text");
        assertThat(document.get("content")
                        .get(0)
                        .get("content")
                        .get(2)
                        .get("text")
                        .stringValue())
                .isEqualTo("two");
        assertThat(document.get("content")
                        .get(1)
                        .get("content")
                        .get(0)
                        .get("text")
                        .stringValue())
                .isEqualTo("three");
    }

    @Test
    void blankTextGivesNoParagraphs() {
        assertThat(AdfDocuments.paragraphs(" \n\n\t")).isEmpty();
        assertValidAdf(AdfDocuments.document(AdfDocuments.paragraphs("")));
    }

    @Test
    void hardBreaksThatWouldLeaveEmptyTextAddNoTextNode() {
        ObjectNode paragraph = AdfDocuments.paragraphs("a   \n   \tb").get(0);

        assertValidAdf(AdfDocuments.document(paragraph));
        assertThat(types(paragraph)).containsExactly("text", "hardBreak", "text");
    }

    @Test
    void aHeadingHasItsLevelAndOneLineOfText() {
        ObjectNode heading = AdfDocuments.heading(3, "Gift cards\nand vouchers");

        assertValidAdf(AdfDocuments.document(heading));
        assertThat(heading.get("attrs").get("level").intValue()).isEqualTo(3);
        assertThat(heading.get("content").get(0).get("text").stringValue()).isEqualTo("Gift cards and vouchers");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, -1})
    void aHeadingLevelOutsideOneToSixIsRefused(int level) {
        assertThatIllegalArgumentException().isThrownBy(() -> AdfDocuments.heading(level, "x"));
    }

    @Test
    void aBulletListHasOneItemPerString() {
        ObjectNode list = AdfDocuments.bulletList(List.of("first", "second\nline", ""));

        assertValidAdf(AdfDocuments.document(list));
        assertThat(list.get("content")).hasSize(3);
        assertThat(toMarkdown.convert(AdfDocuments.document(list))).isEqualTo("- first\n- second\n  line\n-");
    }

    @Test
    void anEmptyBulletListIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> AdfDocuments.bulletList(List.of()));
    }

    @Test
    void aFeatureDocumentIsAHeadingAndOneGherkinCodeBlockPerScenario() {
        ObjectNode document =
                AdfDocuments.featureDocument("Login", List.of(LOGIN, "Scenario: Locked out\n  Given x", " "));

        assertValidAdf(document);
        assertThat(types(document)).containsExactly("heading", "codeBlock", "codeBlock");
        JsonNode code = document.get("content").get(1);
        assertThat(code.get("attrs").get("language").stringValue()).isEqualTo("gherkin");
        assertThat(code.get("content")).hasSize(1);
        assertThat(code.get("content").get(0).get("text").stringValue()).isEqualTo(LOGIN);
        assertThat(code.get("content").get(0).has("marks")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                LOGIN,
                "Scenario: ends with a newline\n  Given x\n",
                "Scenario: blank lines\n\n\n  Given x  \n",
                "Scenario: doc string\n  Given a body\n    \"\"\"json\n    {\"a\": \"`b`\"}\n    \"\"\"",
                "Scenario: backticks\n  Given the text \"```\" and \"````\"\n",
                "Scenario: table\n  Given\n    | a | b |\n    | \\| | * |",
                "# language: de\n@smoke\nSzenario: Überweisung\n  Angenommen ein Konto mit 5 € # Kommentar\n"
            })
    void gherkinSurvivesTheRoundTripToMarkdownByteForByte(String gherkin) {
        String markdown = toMarkdown.convert(AdfDocuments.featureDocument("Round trip", List.of(gherkin)));

        assertThat(markdown).startsWith("## Round trip\n\n");
        assertThat(fencedCode(markdown)).isEqualTo(gherkin);
    }

    @Test
    void theRoundTripTurnsWindowsLineEndsIntoNewlines() {
        String markdown = toMarkdown.convert(AdfDocuments.featureDocument("F", List.of("Scenario: a\r\n  Given b")));

        assertThat(fencedCode(markdown)).isEqualTo("Scenario: a\n  Given b");
    }

    @Test
    void aDocumentOfExactlyTheLimitFitsAndOneCharacterMoreDoesNot() {
        int overhead = AdfDocuments.serialisedLength(AdfDocuments.document(AdfDocuments.paragraphs("x")));
        ObjectNode atLimit = AdfDocuments.document(
                AdfDocuments.paragraphs("x".repeat(AdfDocuments.MAX_FIELD_CHARACTERS - overhead + 1)));
        ObjectNode overLimit = AdfDocuments.document(
                AdfDocuments.paragraphs("x".repeat(AdfDocuments.MAX_FIELD_CHARACTERS - overhead + 2)));

        assertThat(AdfDocuments.serialisedLength(atLimit)).isEqualTo(32_767);
        assertThat(AdfDocuments.fitsInField(atLimit)).isTrue();
        assertThat(AdfDocuments.fitsInField(overLimit)).isFalse();
    }

    @Test
    void theSizeIsMeasuredOnTheJsonSoEscapesCount() {
        ObjectNode quotes = AdfDocuments.document(AdfDocuments.paragraphs("\"".repeat(20_000)));

        assertThat(AdfDocuments.fitsInField(quotes)).isFalse();
    }

    @Test
    void aFeatureThatFitsNeedsNoAttachment() {
        AdfDocuments.FeatureDocument result = AdfDocuments.featureDocumentOrAttachment("Login", List.of(LOGIN));

        assertThat(result.needsAttachment()).isFalse();
        assertThat(result.attachmentFileName()).isNull();
        assertThat(result.document()).isEqualTo(AdfDocuments.featureDocument("Login", List.of(LOGIN)));
    }

    @Test
    void aFeatureTooLongForTheFieldPointsToTheAttachedFeatureFile() {
        List<String> scenarios = IntStream.range(0, 120)
                .mapToObj(i -> "@regression\nScenario: Case " + i + "\n" + "  Given step with some words\n".repeat(12))
                .toList();
        assertThat(AdfDocuments.fitsInField(AdfDocuments.featureDocument("Gift cards: checkout", scenarios)))
                .isFalse();

        AdfDocuments.FeatureDocument result =
                AdfDocuments.featureDocumentOrAttachment("Gift cards: checkout", scenarios);

        assertThat(result.needsAttachment()).isTrue();
        assertThat(result.attachmentFileName()).isEqualTo("gift-cards-checkout.feature");
        assertValidAdf(result.document());
        assertThat(AdfDocuments.fitsInField(result.document())).isTrue();
        String markdown = toMarkdown.convert(result.document());
        assertThat(markdown)
                .startsWith("## Gift cards: checkout\n\nThe feature has 120 scenarios and is too long for this field."
                        + " The full feature is in the attached file gift-cards-checkout.feature.")
                .contains("- Scenario: Case 0\n- Scenario: Case 1\n")
                .doesNotContain("Given step");
    }

    @Test
    void whenEvenTheScenarioTitlesDoNotFitOnlyThePointerRemains() {
        List<String> scenarios = IntStream.range(0, 2_000)
                .mapToObj(i -> "Scenario: A rather long scenario title that repeats itself number " + i)
                .toList();

        AdfDocuments.FeatureDocument result = AdfDocuments.featureDocumentOrAttachment("Bulk", scenarios);

        assertThat(result.attachmentFileName()).isEqualTo("bulk.feature");
        assertThat(types(result.document())).containsExactly("heading", "paragraph");
        assertThat(AdfDocuments.fitsInField(result.document())).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Checkout: gift cards & vouchers|checkout-gift-cards-vouchers.feature",
                "Überweisung prüfen (SEPA)|uberweisung-prufen-sepa.feature",
                "受注のオフライン入力|受注のオフライン入力.feature",
                "!!!|feature.feature",
                "  ../../etc/passwd  |etc-passwd.feature"
            })
    void theFeatureFileIsNamedBySlugOfTheFeatureName(String featureName, String fileName) {
        assertThat(AdfDocuments.featureFileName(featureName)).isEqualTo(fileName);
    }

    @Test
    void aFeatureFileNameStaysShort() {
        assertThat(AdfDocuments.featureFileName("word ".repeat(100)))
                .hasSizeLessThanOrEqualTo(80 + ".feature".length());
    }

    @Test
    void aVeryLongFeatureNameIsShortenedInTheHeading() {
        ObjectNode document = AdfDocuments.featureDocument("n".repeat(1_000), List.of(LOGIN));

        assertThat(document.get("content")
                        .get(0)
                        .get("content")
                        .get(0)
                        .get("text")
                        .stringValue())
                .hasSize(255)
                .endsWith("…");
    }

    /** The code between the first fence and its closing fence, exactly. */
    private static String fencedCode(String markdown) {
        int open = markdown.indexOf("```");
        int fenceEnd = open;
        while (markdown.charAt(fenceEnd) == '`') {
            fenceEnd++;
        }
        String fence = markdown.substring(open, fenceEnd);
        int codeStart = markdown.indexOf('\n', fenceEnd) + 1;
        int codeEnd = markdown.indexOf("\n" + fence + "\n", codeStart);
        if (codeEnd < 0) {
            codeEnd = markdown.lastIndexOf("\n" + fence);
        }
        return markdown.substring(codeStart, codeEnd);
    }

    private static List<String> types(JsonNode node) {
        List<String> types = new ArrayList<>();
        node.get("content").forEach(child -> types.add(child.get("type").stringValue()));
        return types;
    }

    private static final Set<String> INLINE = Set.of("text", "hardBreak");

    /** The ADF rules for the subset we write, as the reference states them. */
    static void assertValidAdf(JsonNode document) {
        assertThat(document.get("type").stringValue()).isEqualTo("doc");
        assertThat(document.get("version").intValue()).isEqualTo(1);
        assertThat(document.get("content").isArray()).isTrue();
        document.get("content").forEach(AdfDocumentsTests::assertValidBlock);
    }

    private static void assertValidBlock(JsonNode block) {
        String type = block.get("type").stringValue();
        switch (type) {
            case "paragraph" -> block.get("content").forEach(AdfDocumentsTests::assertValidInline);
            case "heading" -> {
                assertThat(block.get("attrs").get("level").intValue()).isBetween(1, 6);
                block.get("content").forEach(AdfDocumentsTests::assertValidInline);
                assertThat(types(block)).doesNotContain("hardBreak");
            }
            case "bulletList" -> {
                assertThat(block.get("content")).isNotEmpty();
                block.get("content").forEach(item -> {
                    assertThat(item.get("type").stringValue()).isEqualTo("listItem");
                    assertThat(item.get("content")).isNotEmpty();
                    assertThat(item.get("content").get(0).get("type").stringValue())
                            .isEqualTo("paragraph");
                    item.get("content").forEach(AdfDocumentsTests::assertValidBlock);
                });
            }
            case "codeBlock" ->
                block.get("content").forEach(text -> {
                    assertThat(text.get("type").stringValue()).isEqualTo("text");
                    assertThat(text.has("marks"))
                            .as("code block text has no marks")
                            .isFalse();
                    assertThat(text.get("text").stringValue()).isNotEmpty();
                });
            default -> throw new AssertionError("not in the subset we write: " + type);
        }
    }

    private static void assertValidInline(JsonNode inline) {
        assertThat(inline.get("type").stringValue()).isIn(INLINE);
        if (inline.get("type").stringValue().equals("text")) {
            assertThat(inline.get("text").isString()).isTrue();
            assertThat(inline.get("text").stringValue()).isNotEmpty();
        }
    }
}
