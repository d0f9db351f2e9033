package dev.casewright.extraction;

import static dev.casewright.extraction.TestExtractors.plentyOfBudget;
import static dev.casewright.extraction.TestExtractors.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.extraction.ExtractedAttachment.Outcome;
import dev.casewright.extraction.ExtractedAttachment.Reason;
import org.junit.jupiter.api.Test;

/** Documents inside documents are read down to the configured depth, and no further. */
class EmbeddedDocumentTests {

    /** An e-mail with a text attachment and a forwarded e-mail, which has a text attachment of its own. */
    private static final String NESTED_EMAIL = String.join(
            "\r\n",
            "From: Ann <ann@example.com>",
            "To: Bob <bob@example.com>",
            "Subject: Outer",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"outer\"",
            "",
            "--outer",
            "Content-Type: text/plain",
            "",
            "Outer body.",
            "--outer",
            "Content-Type: text/plain; name=\"first.txt\"",
            "Content-Disposition: attachment; filename=\"first.txt\"",
            "",
            "First-level attachment.",
            "--outer",
            "Content-Type: message/rfc822",
            "Content-Disposition: attachment; filename=\"forwarded.eml\"",
            "",
            "From: Carl <carl@example.com>",
            "Subject: Inner",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"inner\"",
            "",
            "--inner",
            "Content-Type: text/plain",
            "",
            "Inner body.",
            "--inner",
            "Content-Type: text/plain; name=\"deep.txt\"",
            "Content-Disposition: attachment; filename=\"deep.txt\"",
            "",
            "Deep attachment.",
            "--inner--",
            "--outer--",
            "");

    @Test
    void readsNestedAttachmentsWithinTheDefaultDepth() {
        try (AttachmentTextExtractor extractor = TestExtractors.extractor()) {

            ExtractedAttachment result = extractor.extract(source("nested.eml", NESTED_EMAIL), plentyOfBudget());

            assertThat(result.outcome()).isEqualTo(Outcome.INCLUDED);
            assertThat(result.text())
                    .contains("Outer body.")
                    .contains("First-level attachment.")
                    .contains("Inner body.")
                    .contains("Deep attachment.");
        }
    }

    @Test
    void leavesOutWhatIsNestedDeeperThanAllowedAndSaysSo() {
        try (AttachmentTextExtractor extractor = TestExtractors.extractor("max-embedding-depth=1")) {

            ExtractedAttachment result = extractor.extract(source("nested.eml", NESTED_EMAIL), plentyOfBudget());

            assertThat(result.outcome()).isEqualTo(Outcome.TRUNCATED);
            assertThat(result.reason()).isEqualTo(Reason.TOO_DEEP);
            assertThat(result.text()).contains("Outer body.").doesNotContain("Deep attachment.");
            assertThat(result.warnings())
                    .anySatisfy(warning ->
                            assertThat(warning).contains("1 document nested deeper than 1 level was left out"));
        }
    }
}
