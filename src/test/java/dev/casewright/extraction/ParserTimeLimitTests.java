package dev.casewright.extraction;

import static dev.casewright.extraction.TestExtractors.plentyOfBudget;
import static dev.casewright.extraction.TestExtractors.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.extraction.ExtractedAttachment.Outcome;
import dev.casewright.extraction.ExtractedAttachment.Reason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.tika.config.TikaConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Parsers that hang must not hang the caller, nor use up the parser threads for good. */
class ParserTimeLimitTests {

    private static final Duration LIMIT = Duration.ofMillis(300);
    private static final Duration SLACK = Duration.ofMillis(700);

    private final MisbehavingParser parser = new MisbehavingParser(AttachmentTextExtractor.tikaParser(
            TikaConfig.getDefaultConfig(), TestExtractors.properties().expansion()));

    @AfterEach
    void releaseTheParser() {
        parser.release();
    }

    @Test
    void stopsAParserThatHangsUntilInterruptedAtTheTimeLimit() throws Exception {
        try (AttachmentTextExtractor extractor = TestExtractors.extractor(parser, "time-per-file=300ms")) {

            Timed<ExtractedAttachment> result = Timed.run(
                    () -> extractor.extract(source(MisbehavingParser.UNTIL_INTERRUPTED, "text"), plentyOfBudget()));

            assertThat(result.value().outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(result.value().reason()).isEqualTo(Reason.TIMED_OUT);
            assertThat(result.value().warnings()).singleElement().asString().contains("0.3 s");
            assertThat(result.took()).isBetween(LIMIT, LIMIT.plus(SLACK));
            assertThat(parser.returned.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void doesNotWaitForAParserThatIgnoresInterrupts() throws Exception {
        try (AttachmentTextExtractor extractor = TestExtractors.extractor(parser, "time-per-file=300ms")) {

            Timed<ExtractedAttachment> result = Timed.run(
                    () -> extractor.extract(source(MisbehavingParser.IGNORING_INTERRUPTS, "text"), plentyOfBudget()));

            assertThat(result.value().reason()).isEqualTo(Reason.TIMED_OUT);
            assertThat(result.took()).isBetween(LIMIT, LIMIT.plus(SLACK));
            assertThat(parser.returned.getCount())
                    .as("the parser is still running")
                    .isEqualTo(1);
        }
    }

    @Test
    void keepsTheTextAParserWroteBeforeItWasStoppedAndStopsItThroughItsOutput() throws Exception {
        try (AttachmentTextExtractor extractor = TestExtractors.extractor(parser, "time-per-file=300ms")) {

            ExtractedAttachment result =
                    extractor.extract(source(MisbehavingParser.WRITING_FOREVER, "text"), plentyOfBudget());

            assertThat(result.outcome()).isEqualTo(Outcome.TRUNCATED);
            assertThat(result.reason()).isEqualTo(Reason.TIMED_OUT);
            assertThat(result.text()).startsWith("a").matches("[a\\n]+");
            assertThat(result.warnings()).singleElement().asString().contains("the text is incomplete");
            // The parser ignores interrupts, but its next write fails, which ends it.
            assertThat(parser.returned.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void keepsReadingOtherFilesWhileAStuckParserStillHoldsItsThread() throws Exception {
        try (AttachmentTextExtractor extractor =
                TestExtractors.extractor(parser, "time-per-file=300ms", "parsers.threads=1")) {
            extractor.extract(source(MisbehavingParser.IGNORING_INTERRUPTS, "text"), plentyOfBudget());

            ExtractedAttachment next = extractor.extract(source("fine.txt", "Still working."), plentyOfBudget());

            assertThat(next.outcome()).isEqualTo(Outcome.INCLUDED);
            assertThat(next.text()).isEqualTo("Still working.");
            assertThat(parser.returned.getCount())
                    .as("the stuck parser is still running")
                    .isEqualTo(1);
        }
    }

    @Test
    void turnsFilesAwayAsBusyOnceTooManyParsersAreStuck() throws Exception {
        try (AttachmentTextExtractor extractor =
                TestExtractors.extractor(parser, "time-per-file=300ms", "parsers.max-abandoned=1")) {
            extractor.extract(source(MisbehavingParser.IGNORING_INTERRUPTS, "text"), plentyOfBudget());

            ExtractedAttachment refused = extractor.extract(source("fine.txt", "Hello."), plentyOfBudget());

            assertThat(refused.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(refused.reason()).isEqualTo(Reason.BUSY);
            assertThat(refused.warnings()).singleElement().asString().contains("stuck");
        }
    }

    @Test
    void turnsAFileAwayAsBusyAtOnceWhenEveryParserIsTakenAndNoOneMayWait() throws Exception {
        try (AttachmentTextExtractor extractor =
                TestExtractors.extractor(parser, "time-per-file=30s", "parsers.threads=1", "parsers.max-waiting=0")) {
            CompletableFuture<ExtractedAttachment> first = CompletableFuture.supplyAsync(
                    () -> extractor.extract(source(MisbehavingParser.IGNORING_INTERRUPTS, "text"), plentyOfBudget()));
            assertThat(parser.started.await(5, TimeUnit.SECONDS)).isTrue();

            Timed<ExtractedAttachment> second =
                    Timed.run(() -> extractor.extract(source("fine.txt", "Hello."), plentyOfBudget()));

            assertThat(second.value().reason()).isEqualTo(Reason.BUSY);
            assertThat(second.value().warnings()).singleElement().asString().contains("Too many attachments");
            assertThat(second.took()).isLessThan(Duration.ofSeconds(1));
            parser.release();
            assertThat(first.get(5, TimeUnit.SECONDS).reason()).isEqualTo(Reason.EMPTY);
        }
    }

    record Timed<T>(T value, Duration took) {
        static <T> Timed<T> run(java.util.function.Supplier<T> work) {
            long started = System.nanoTime();
            T value = work.get();
            return new Timed<>(value, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
