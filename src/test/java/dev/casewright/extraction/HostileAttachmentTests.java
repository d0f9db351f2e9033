package dev.casewright.extraction;

import static dev.casewright.extraction.TestExtractors.plentyOfBudget;
import static dev.casewright.extraction.TestExtractors.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.extraction.ExtractedAttachment.Outcome;
import dev.casewright.extraction.ExtractedAttachment.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attachments built to hurt: each must end with the right outcome and a warning, within its limits,
 * and never with an exception to the caller. The suite runs with a 512 MB heap (see the pom).
 */
class HostileAttachmentTests {

    private static final long MB = 1024 * 1024;

    @TempDir
    static Path files;

    private static AttachmentTextExtractor extractor;

    @BeforeAll
    static void createExtractor() {
        extractor = TestExtractors.extractor();
    }

    @AfterAll
    static void stopParserThreads() {
        extractor.close();
    }

    @Test
    void refusesAZipBombDocxBeforeInflatingIt() throws Exception {
        Path bomb = TestFiles.zipBombDocx(files.resolve("bomb.docx"), 400);
        assertThat(Files.size(bomb)).isLessThan(5 * MB);

        ExtractedAttachment result = extractor.extract(source("bomb.docx", bomb), plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.reason()).isEqualTo(Reason.EXPANDS_TOO_MUCH);
        assertThat(result.warnings()).singleElement().asString().contains("zip bomb");
    }

    @Test
    void streamsAZipBombDocxThatSlipsPastTheRatioCheckOnlyUpToTheCharacterLimit() throws Exception {
        Path bomb = TestFiles.zipBombDocx(files.resolve("bomb-unchecked.docx"), 400);
        try (AttachmentTextExtractor lenient = TestExtractors.extractor(
                "expansion.max-compression-ratio=1000000", "expansion.max-expanded-size=10GB")) {

            ExtractedAttachment result = lenient.extract(source("bomb.docx", bomb), plentyOfBudget());

            assertThat(result.outcome()).isEqualTo(Outcome.TRUNCATED);
            assertThat(result.reason()).isEqualTo(Reason.CHARACTER_LIMIT);
            assertThat(result.characterCount()).isEqualTo(100_000);
            assertThat(result.warnings()).singleElement().asString().contains("100,000 characters");
        }
    }

    @Test
    void refusesABillionLaughsXml() throws Exception {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol")
                    .append(i)
                    .append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        xml.append("]>\n<lolz>&lol9;</lolz>\n");

        ExtractedAttachment result = extractor.extract(source("laughs.xml", xml.toString()), plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.reason()).isEqualTo(Reason.EXPANDS_TOO_MUCH);
        assertThat(result.warnings()).singleElement().asString().contains("entity expansion");
    }

    @Test
    void ignoresExternalEntitiesInXml() throws Exception {
        Path secret = Files.writeString(files.resolve("secret.txt"), "TOP-SECRET-VALUE");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE order [<!ENTITY leak SYSTEM \"" + secret.toUri()
                + "\">]>\n<order>&leak;visible</order>";

        ExtractedAttachment result = extractor.extract(source("order.xml", xml), plentyOfBudget());

        assertThat(result.text()).doesNotContain("TOP-SECRET-VALUE");
        assertThat(result.outcome()).isIn(Outcome.INCLUDED, Outcome.SKIPPED);
    }

    @Test
    void refusesAnAttachmentDeclaredTooBigWithoutOpeningIt() {
        AtomicBoolean opened = new AtomicBoolean();
        AttachmentSource huge = new AttachmentSource("10003", "huge.pdf", "application/pdf", 100 * MB, () -> {
            opened.set(true);
            return endlessPdf(100 * MB, new AtomicLong());
        });

        ExtractedAttachment result = extractor.extract(huge, plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.reason()).isEqualTo(Reason.TOO_BIG);
        assertThat(result.warnings())
                .singleElement()
                .asString()
                .contains("100.0 MB")
                .contains("20.0 MB");
        assertThat(opened).isFalse();
    }

    @Test
    void stopsReadingAnAttachmentThatIsLargerThanDeclaredAtTheLimit() {
        AtomicLong served = new AtomicLong();
        AttachmentSource liar =
                new AttachmentSource("10004", "small.pdf", "application/pdf", MB, () -> endlessPdf(100 * MB, served));

        ExtractedAttachment result = extractor.extract(liar, plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.reason()).isEqualTo(Reason.TOO_BIG);
        assertThat(result.warnings()).singleElement().asString().contains("although 1.0 MB was declared");
        assertThat(served.get()).isBetween(20 * MB, 20 * MB + 64 * 1024);
    }

    @Test
    void stopsReadingAnAttachmentOfUnknownSizeAtTheLimit() {
        AtomicLong served = new AtomicLong();
        AttachmentSource unknown = new AttachmentSource(
                "10005", "report.pdf", null, AttachmentSource.UNKNOWN_SIZE, () -> endlessPdf(100 * MB, served));

        ExtractedAttachment result = extractor.extract(unknown, plentyOfBudget());

        assertThat(result.reason()).isEqualTo(Reason.TOO_BIG);
        assertThat(served.get()).isLessThan(21 * MB);
    }

    @Test
    void skipsAPasswordProtectedPdfAsEncrypted() throws Exception {
        ExtractedAttachment result =
                extractor.extract(source("locked.pdf", TestFiles.encryptedPdf("Hidden roadmap")), plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.reason()).isEqualTo(Reason.ENCRYPTED);
        assertThat(result.detectedMimeType()).isEqualTo("application/pdf");
        assertThat(result.warnings()).singleElement().asString().contains("password-protected");
    }

    @Test
    void skipsAPasswordProtectedDocxAsEncrypted() throws Exception {
        ExtractedAttachment result =
                extractor.extract(source("locked.docx", TestFiles.encryptedDocx("Hidden plan")), plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.reason()).isEqualTo(Reason.ENCRYPTED);
        assertThat(result.warnings()).singleElement().asString().contains("password-protected");
    }

    @Test
    void reportsADocxCutInHalfAsCorrupt() throws Exception {
        byte[] docx = TestFiles.docx("A complete sentence that will be cut off.");

        ExtractedAttachment result =
                extractor.extract(source("cut.docx", Arrays.copyOf(docx, docx.length / 2)), plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(result.warnings()).singleElement().asString().contains("damaged");
    }

    @Test
    void treatsAPngNamedPdfAsTheImageItIs() throws Exception {
        byte[] png = TestFiles.png(40, 30);

        ExtractedAttachment result = extractor.extract(source("invoice.pdf", "application/pdf", png), plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.INCLUDED);
        assertThat(result.detectedMimeType()).isEqualTo("image/png");
        assertThat(result.image()).isNotNull();
        assertThat(result.image().bytes()).isEqualTo(png);
        assertThat(result.text()).isEmpty();
        assertThat(result.warnings())
                .singleElement()
                .asString()
                .contains("image/png although the attachment was declared as application/pdf");
    }

    @Test
    void skipsAnImageTypeItCannotPassOnAsUnsupported() throws Exception {
        byte[] bmp = TestFiles.image("bmp", 10, 10, java.awt.image.BufferedImage.TYPE_INT_RGB);

        ExtractedAttachment result = extractor.extract(source("diagram.pdf", "application/pdf", bmp), plentyOfBudget());

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.reason()).isEqualTo(Reason.UNSUPPORTED_TYPE);
        assertThat(result.warnings()).anySatisfy(warning -> assertThat(warning).contains("image/bmp are not read"));
    }

    @Test
    void skipsAZipArchiveAsUnsupported() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            zip.write("inside".getBytes(StandardCharsets.UTF_8));
        }

        ExtractedAttachment result = extractor.extract(source("bundle.zip", bytes.toByteArray()), plentyOfBudget());

        assertThat(result.reason()).isEqualTo(Reason.UNSUPPORTED_TYPE);
        assertThat(result.detectedMimeType()).isEqualTo("application/zip");
        assertThat(result.warnings()).singleElement().asString().contains("application/zip");
    }

    @Test
    void endsAFiveThousandPagePdfWithinItsLimits() throws Exception {
        Path pdf = TestFiles.pdfWithPages(files.resolve("long.pdf"), 5_000);
        Duration limit = Duration.ofSeconds(2);
        try (AttachmentTextExtractor quick = TestExtractors.extractor("time-per-file=2s")) {

            long started = System.nanoTime();
            ExtractedAttachment result = quick.extract(source("long.pdf", pdf), plentyOfBudget());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(result.outcome()).isEqualTo(Outcome.TRUNCATED);
            assertThat(result.reason()).isIn(Reason.CHARACTER_LIMIT, Reason.TIMED_OUT);
            assertThat(result.text()).startsWith("Page 1 of the long requirements document");
            assertThat(result.characterCount()).isLessThanOrEqualTo(100_000);
            assertThat(result.warnings()).isNotEmpty();
            assertThat(took).isLessThan(limit.plusSeconds(1));
        }
    }

    @Test
    void skipsAnEmptyAttachment() {
        ExtractedAttachment result = extractor.extract(source("empty.txt", new byte[0]), plentyOfBudget());

        assertThat(result.reason()).isEqualTo(Reason.EMPTY);
        assertThat(result.warnings()).containsExactly("The attachment is empty.");
    }

    @Test
    void skipsAPdfWithoutTextAsEmpty() throws Exception {
        ExtractedAttachment result = extractor.extract(source("scan.pdf", TestFiles.pdf("")), plentyOfBudget());

        assertThat(result.reason()).isEqualTo(Reason.EMPTY);
        assertThat(result.warnings()).singleElement().asString().contains("OCR");
    }

    @Test
    void reportsAFailedDownloadAsUnreadable() {
        AttachmentSource broken = new AttachmentSource("10006", "a.txt", "text/plain", 10, () -> new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });

        ExtractedAttachment result = extractor.extract(broken, plentyOfBudget());

        assertThat(result.reason()).isEqualTo(Reason.UNREADABLE);
        assertThat(result.warnings()).containsExactly("The attachment could not be downloaded.");
    }

    /** "%PDF-1.7" followed by filler, served without ever holding more than one buffer. */
    private static InputStream endlessPdf(long size, AtomicLong served) {
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int count = (int) Math.min(length, size - position);
                for (int i = 0; i < count; i++) {
                    long at = position + i;
                    buffer[offset + i] = at < header.length ? header[(int) at] : (byte) ' ';
                }
                position += count;
                served.addAndGet(count);
                return count;
            }
        };
    }
}
