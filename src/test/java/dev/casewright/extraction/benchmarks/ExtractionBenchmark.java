package dev.casewright.extraction.benchmarks;

import dev.casewright.extraction.AttachmentSource;
import dev.casewright.extraction.AttachmentTextExtractor;
import dev.casewright.extraction.ExtractedAttachment;
import dev.casewright.extraction.ExtractionBudget;
import dev.casewright.extraction.TestExtractors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the extractor's safety (spooling to a private file, detection, the parser pool, Markdown
 * output) costs over reading the same files with the bare libraries: a 50-page PDF through PDFBox's
 * {@code PDFTextStripper} and a DOCX of the same text through POI's {@code XWPFWordExtractor}, with
 * bare Tika in between. Each file holds about 75,000 characters, under the per-attachment limit, so
 * every contender reads all of it. Results: docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExtractionBenchmark {

    private static final int PAGES = 50;
    private static final int LINES_PER_PAGE = 20;

    private byte[] pdf;
    private byte[] docx;
    private AttachmentTextExtractor extractor;
    private AutoDetectParser tika;

    @Setup(Level.Trial)
    public void createFiles() throws IOException {
        pdf = pdf();
        docx = docx();
        extractor = TestExtractors.defaultExtractor();
        tika = new AutoDetectParser();
    }

    @TearDown(Level.Trial)
    public void stopExtractor() {
        extractor.close();
    }

    @Benchmark
    public int pdfWithAttachmentTextExtractor() {
        return extract("spec.pdf", pdf);
    }

    @Benchmark
    public int pdfWithBareTika() throws Exception {
        return bareTika(pdf);
    }

    @Benchmark
    public int pdfWithBarePdfBox() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).length();
        }
    }

    @Benchmark
    public int docxWithAttachmentTextExtractor() {
        return extract("spec.docx", docx);
    }

    @Benchmark
    public int docxWithBareTika() throws Exception {
        return bareTika(docx);
    }

    @Benchmark
    public int docxWithBarePoi() throws IOException {
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx));
                XWPFWordExtractor words = new XWPFWordExtractor(document)) {
            return words.getText().length();
        }
    }

    private int extract(String name, byte[] bytes) {
        ExtractedAttachment result = extractor.extract(
                new AttachmentSource("1", name, null, bytes.length, () -> new ByteArrayInputStream(bytes)),
                ExtractionBudget.of(Long.MAX_VALUE));
        if (result.outcome() != ExtractedAttachment.Outcome.INCLUDED) {
            throw new IllegalStateException("Benchmark input was not fully read: " + result);
        }
        return result.characterCount();
    }

    private int bareTika(byte[] bytes) throws Exception {
        BodyContentHandler handler = new BodyContentHandler(-1);
        tika.parse(new ByteArrayInputStream(bytes), handler, new Metadata(), new ParseContext());
        return handler.toString().length();
    }

    private static String line(int page, int line) {
        return "Page " + page + ", requirement " + line + ": the system shall validate the order total.";
    }

    private static byte[] pdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int page = 1; page <= PAGES; page++) {
                PDPage pdfPage = new PDPage();
                document.addPage(pdfPage);
                try (PDPageContentStream content = new PDPageContentStream(document, pdfPage)) {
                    content.beginText();
                    content.setFont(font, 10);
                    content.setLeading(14);
                    content.newLineAtOffset(50, 740);
                    for (int line = 1; line <= LINES_PER_PAGE; line++) {
                        content.showText(line(page, line));
                        content.newLine();
                    }
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] docx() throws IOException {
        try (XWPFDocument document = new XWPFDocument()) {
            for (int page = 1; page <= PAGES; page++) {
                for (int line = 1; line <= LINES_PER_PAGE; line++) {
                    document.createParagraph().createRun().setText(line(page, line));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.write(out);
            return out.toByteArray();
        }
    }
}
