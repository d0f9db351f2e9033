package dev.casewright.extraction;

import static dev.casewright.extraction.TestExtractors.plentyOfBudget;
import static dev.casewright.extraction.TestExtractors.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.extraction.ExtractedAttachment.Outcome;
import dev.casewright.extraction.ExtractedAttachment.Reason;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class CharacterLimitTests {

    private static final AttachmentTextExtractor extractor =
            TestExtractors.extractor("max-characters-per-attachment=1000", "max-characters-per-generation=2500");

    @AfterAll
    static void stopParserThreads() {
        extractor.close();
    }

    @Test
    void cutsTextAtTheLimitPerAttachmentAndSaysSo() {
        ExtractedAttachment result = extractor.extract(source("long.txt", "x".repeat(5000)), plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(result.reason()).isEqualTo(Reason.CHARACTER_LIMIT);
        assertThat(result.characterCount()).isEqualTo(1000);
        assertThat(result.warnings())
                .containsExactly("Only the first 1,000 characters are used (the limit per attachment).");
    }

    @Test
    void sharesOneBudgetAcrossTheAttachmentsOfAGeneration() {
        ExtractionBudget budget = extractor.newBudget();

        List<ExtractedAttachment> results = List.of(
                extractor.extract(source("a.txt", "a".repeat(900)), budget),
                extractor.extract(source("b.txt", "b".repeat(900)), budget),
                extractor.extract(source("c.txt", "c".repeat(900)), budget),
                extractor.extract(source("d.txt", "d".repeat(900)), budget));

        assertThat(results)
                .extracting(ExtractedAttachment::outcome)
                .containsExactly(Outcome.INCLUDED, Outcome.INCLUDED, Outcome.TRUNCATED, Outcome.SKIPPED);
        assertThat(results).extracting(ExtractedAttachment::characterCount).containsExactly(900, 900, 700, 0);
        assertThat(results.get(2).reason()).isEqualTo(Reason.OVER_BUDGET);
        assertThat(results.get(2).warnings()).singleElement().asString().contains("budget");
        assertThat(results.get(3).reason()).isEqualTo(Reason.OVER_BUDGET);
        assertThat(budget.remaining()).isZero();
    }

    @Test
    void doesNotDownloadTextOnceTheBudgetIsUsedUp() {
        AtomicBoolean opened = new AtomicBoolean();
        AttachmentSource text = new AttachmentSource("10007", "notes.txt", "text/plain", 10, () -> {
            opened.set(true);
            return new java.io.ByteArrayInputStream("0123456789".getBytes());
        });

        ExtractedAttachment result = extractor.extract(text, ExtractionBudget.of(0));

        assertThat(result.reason()).isEqualTo(Reason.OVER_BUDGET);
        assertThat(result.warnings()).singleElement().asString().contains("2,500 characters");
        assertThat(opened).isFalse();
    }

    @Test
    void takesTheBudgetOnlyOnceWhenManyThreadsShareIt() throws Exception {
        ExtractionBudget budget = ExtractionBudget.of(10_000);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> grants = new java.util.ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                grants.add(threads.submit(() -> budget.take(37)));
            }
            int granted = 0;
            for (java.util.concurrent.Future<Integer> grant : grants) {
                granted += grant.get();
            }

            assertThat(granted).isEqualTo(10_000);
            assertThat(budget.isExhausted()).isTrue();
        } finally {
            threads.shutdownNow();
        }
    }
}
