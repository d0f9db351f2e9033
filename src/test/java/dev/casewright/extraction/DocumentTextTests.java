package dev.casewright.extraction;

import static dev.casewright.extraction.TestExtractors.plentyOfBudget;
import static dev.casewright.extraction.TestExtractors.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.extraction.ExtractedAttachment.Outcome;
import dev.casewright.extraction.TestFiles.Sheet2D;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DocumentTextTests {

    private static final AttachmentTextExtractor extractor = TestExtractors.extractor();

    @AfterAll
    static void stopParserThreads() {
        extractor.close();
    }

    private static ExtractedAttachment extract(AttachmentSource source) {
        ExtractedAttachment result = extractor.extract(source, plentyOfBudget());
        assertThat(result.outcome()).as(result.toString()).isEqualTo(Outcome.INCLUDED);
        assertThat(result.reason()).isNull();
        assertThat(result.characterCount()).isEqualTo(result.text().length());
        return result;
    }

    @Test
    void readsTheTextOfEveryPageOfAPdf() throws Exception {
        ExtractedAttachment result = extract(source(
                "spec.pdf", TestFiles.pdf("The login page shows a captcha.", "Sessions expire after 30 minutes.")));

        assertThat(result.detectedMimeType()).isEqualTo("application/pdf");
        assertThat(result.text())
                .contains("The login page shows a captcha.")
                .contains("Sessions expire after 30 minutes.")
                .containsPattern("captcha\\.\\n\\nSessions");
    }

    @Test
    void readsTheParagraphsAndTablesOfADocxAsMarkdown() throws Exception {
        ExtractedAttachment result = extract(source(
                "requirements.docx", TestFiles.docxWithTable("Users can reset their password.", new String[][] {
                    {"Role", "May reset"}, {"Admin", "yes | always"}
                })));

        assertThat(result.detectedMimeType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(result.text()).isEqualTo("""
                        Users can reset their password.

                        | Role | May reset |
                        |---|---|
                        | Admin | yes \\| always |""");
    }

    @Test
    void readsEachSheetOfAnXlsxAsAMarkdownTableUnderTheSheetsName() throws Exception {
        ExtractedAttachment result = extract(source(
                "data.xlsx",
                TestFiles.xlsx(
                        new Sheet2D("Users", new Object[][] {{"Name", "Age"}, {"Ann", 31}}),
                        new Sheet2D("Roles", new Object[][] {{"Role"}, {"admin"}}))));

        assertThat(result.text()).isEqualTo("""
                ### Users

                | Name | Age |
                |---|---|
                | Ann | 31 |

                ### Roles

                | Role |
                |---|
                | admin |""");
    }

    @Test
    void readsTheSheetsOfAnOldXlsToo() throws Exception {
        ExtractedAttachment result = extract(source("legacy.xls", TestFiles.xls(new Sheet2D("Orders", new Object[][] {
            {"Id", "Total"}, {7, 12.5}
        }))));

        assertThat(result.detectedMimeType()).isEqualTo("application/vnd.ms-excel");
        assertThat(result.text()).startsWith("### Orders").contains("| Id | Total |\n|---|---|\n| 7 | 12.5 |");
    }

    @Test
    void readsTheTextOfEverySlideOfAPptxWithoutTheMasterTemplate() throws Exception {
        ExtractedAttachment result =
                extract(source("demo.pptx", TestFiles.pptx("Checkout in one click", "Refunds within 14 days")));

        assertThat(result.text()).contains("Checkout in one click").contains("Refunds within 14 days");
        assertThat(result.text()).doesNotContain("Click to edit");
    }

    @Test
    void readsHtmlWithoutItsScriptsAndStyles() throws Exception {
        String html = """
                <html><head><title>Ignored title</title><script>var secret = "do not read";</script>
                <style>p { color: red }</style></head>
                <body><h1>Shopping cart</h1><p>The cart keeps items for <b>7 days</b>.</p>
                <ul><li>Add item</li><li>Remove item</li></ul></body></html>""";

        ExtractedAttachment result = extract(source("page.html", html));

        assertThat(result.detectedMimeType()).isEqualTo("text/html");
        assertThat(result.text()).isEqualTo("""
                # Shopping cart

                The cart keeps items for 7 days.

                - Add item
                - Remove item""");
    }

    @Test
    void readsCsvAsAMarkdownTable() throws Exception {
        String csv =
                "name,email,note\nAnn,ann@example.com,\"likes \"\"dark\"\" mode, a lot\"\nBo,bo@example.com,\"two\nlines\"\n";

        ExtractedAttachment result = extract(source("users.csv", csv));

        assertThat(result.detectedMimeType()).isEqualTo("text/csv");
        assertThat(result.text()).isEqualTo("""
                | name | email | note |
                |---|---|---|
                | Ann | ann@example.com | likes "dark" mode, a lot |
                | Bo | bo@example.com | two lines |""");
    }

    @Test
    void readsSemicolonSeparatedValuesAsATableToo() throws Exception {
        ExtractedAttachment result = extract(source("prices.csv", "item;price\nTea;2,50\n"));

        assertThat(result.text()).isEqualTo("| item | price |\n|---|---|\n| Tea | 2,50 |");
    }

    @Test
    void keepsTheLinesOfPlainTextAsWritten() throws Exception {
        String text = "Steps:\n  1. Open the app\n  2. Log in\n\n\n\nExpected: the dashboard.\n";

        ExtractedAttachment result = extract(source("steps.txt", text));

        assertThat(result.detectedMimeType()).isEqualTo("text/plain");
        assertThat(result.text()).isEqualTo("Steps:\n  1. Open the app\n  2. Log in\n\nExpected: the dashboard.");
    }

    @Test
    void keepsMarkdownAsMarkdown() throws Exception {
        String markdown = "# Feature\n\nSome *emphasis* and a list:\n\n- one\n- two\n";

        ExtractedAttachment result = extract(source("notes.md", markdown));

        assertThat(result.text()).isEqualTo(markdown.strip());
    }

    @Test
    void readsUtf8TextWithAccents() throws Exception {
        ExtractedAttachment result =
                extract(source("umlaut.txt", "Größe: 5 — café, naïve, Ærøskøbing".getBytes(StandardCharsets.UTF_8)));

        assertThat(result.text()).isEqualTo("Größe: 5 — café, naïve, Ærøskøbing");
    }

    @Test
    void readsJsonAsItsText() throws Exception {
        String json = "{\n  \"order\": {\"id\": 7, \"items\": [\"book\", \"pen\"]}\n}";

        ExtractedAttachment result = extract(source("payload.json", json));

        assertThat(result.detectedMimeType()).isEqualTo("application/json");
        assertThat(result.text()).isEqualTo(json);
    }

    @Test
    void readsTheTextContentOfXml() throws Exception {
        String xml = "<?xml version=\"1.0\"?><order><id>7</id><item>Book</item><item>Pen</item></order>";

        ExtractedAttachment result = extract(source("order.xml", xml));

        assertThat(result.detectedMimeType()).isEqualTo("application/xml");
        assertThat(result.text()).contains("7").contains("Book").contains("Pen");
    }

    @Test
    void readsAnEmailsHeadersBodyAndAttachedText() throws Exception {
        String email = String.join(
                "\r\n",
                "From: Ann Example <ann@example.com>",
                "To: Bob Example <bob@example.com>",
                "Subject: Login fails after password reset",
                "Date: Tue, 3 Mar 2026 10:00:00 +0000",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "After resetting my password the login page says the password is wrong.",
                "--b1",
                "Content-Type: text/plain; name=\"steps.txt\"",
                "Content-Disposition: attachment; filename=\"steps.txt\"",
                "",
                "1. Reset password 2. Log in",
                "--b1--",
                "");

        ExtractedAttachment result = extract(source("bug.eml", email));

        assertThat(result.detectedMimeType()).isEqualTo("message/rfc822");
        assertThat(result.text())
                .startsWith("""
                        From: Ann Example <ann@example.com>
                        To: Bob Example <bob@example.com>
                        Subject: Login fails after password reset
                        Date: 2026-03-03T10:00:00Z

                        """)
                .contains("After resetting my password the login page says the password is wrong.")
                .contains("1. Reset password 2. Log in");
    }

    @Test
    void readsRtf() throws Exception {
        String rtf = "{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0\\pard Orders ship within two days.\\par "
                + "Returns are free.\\par}";

        ExtractedAttachment result = extract(source("policy.rtf", rtf));

        assertThat(result.detectedMimeType()).isEqualTo("application/rtf");
        assertThat(result.text()).isEqualTo("Orders ship within two days.\n\nReturns are free.");
    }

    @Test
    void readsAnOpenDocumentText() throws Exception {
        ExtractedAttachment result = extract(source("notes.odt", TestFiles.odt("First point.", "Second point.")));

        assertThat(result.detectedMimeType()).isEqualTo("application/vnd.oasis.opendocument.text");
        assertThat(result.text()).contains("First point.").contains("Second point.");
    }

    @Test
    void detectsTheTypeFromTheContentWhenTheNameSaysNothing() throws Exception {
        ExtractedAttachment result = extract(source("scan", TestFiles.pdf("No extension needed.")));

        assertThat(result.detectedMimeType()).isEqualTo("application/pdf");
        assertThat(result.text()).isEqualTo("No extension needed.");
        assertThat(result.warnings()).isEmpty();
    }
}
