package dev.casewright.extraction;

import dev.casewright.extraction.ExtractedAttachment.Reason;
import dev.casewright.extraction.ParserThreads.Run;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXException;

/**
 * Reads one attachment into text for a prompt, or into an image for a vision model, within the
 * configured limits, and says what was left out and why. It never throws for a bad attachment: every
 * failure is an outcome with a reason.
 *
 * <p>Order of work: the declared size is checked before anything is read; the bytes are streamed
 * into a private temporary directory, counting against the byte limit; the type is detected from the
 * content (name and declared type are hints only); then parsing runs on a bounded pool of parser
 * threads under the time limit, writing into a character-limited buffer. The temporary directory is
 * deleted before this method returns, also when the parser is still running.
 *
 * <p>Safe for concurrent use. A call blocks for at most twice the time per file (waiting for a free
 * parser thread, then parsing) plus the time to download.
 */
// Lazy: loading Tika's parsers takes seconds, and a start-up needs none of them.
@Lazy
@Component
public class AttachmentTextExtractor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AttachmentTextExtractor.class);

    private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*\\n(?:[ \\t]*\\n)+");
    private static final String SPOOLED_FILE_NAME = "attachment";

    private final ExtractionProperties properties;
    private final TikaConfig tika;
    private final Parser documentParser;
    private final ParserThreads parserThreads;
    private final VisionImages images;
    private final ZipExpansion zipExpansion;

    @Autowired
    AttachmentTextExtractor(ExtractionProperties properties) {
        this(properties, null);
    }

    /** With another parser for documents than Tika's, for tests of parsers that misbehave. */
    AttachmentTextExtractor(ExtractionProperties properties, @Nullable Parser documentParser) {
        this.properties = properties;
        this.tika = TikaConfig.getDefaultConfig();
        this.documentParser = documentParser != null ? documentParser : tikaParser(tika, properties.expansion());
        this.parserThreads = new ParserThreads(
                properties.parsers().threads(),
                properties.parsers().maxWaiting(),
                properties.parsers().maxAbandoned());
        this.images = new VisionImages(
                properties.images().maxLongestSide(),
                properties.images().maxBytes().toBytes(),
                properties.images().maxSourcePixels());
        this.zipExpansion = new ZipExpansion(
                properties.expansion().maxCompressionRatio(),
                properties.expansion().maxExpandedSize().toBytes());
    }

    static Parser tikaParser(TikaConfig tika, ExtractionProperties.Expansion expansion) {
        AutoDetectParser parser = new AutoDetectParser(tika);
        // Tika wraps every (embedded) parse in a SecureContentHandler with these limits.
        AutoDetectParserConfig config = new AutoDetectParserConfig();
        config.setMaximumCompressionRatio(expansion.maxCompressionRatio());
        config.setMaximumDepth(expansion.maxXmlNesting());
        config.setMaximumPackageEntryDepth(expansion.maxPackageNesting());
        parser.setAutoDetectParserConfig(config);
        return parser;
    }

    /** The most bytes one attachment may have; callers refuse larger ones before downloading. */
    public long maxBytesPerAttachment() {
        return properties.maxBytesPerAttachment().toBytes();
    }

    /** A budget for one generation, holding the configured characters per generation. */
    public ExtractionBudget newBudget() {
        return ExtractionBudget.of(properties.maxCharactersPerGeneration());
    }

    /**
     * Extracts one attachment, taking the characters it uses from {@code budget}.
     *
     * @return the outcome; never throws for anything the attachment or its download does
     */
    public ExtractedAttachment extract(AttachmentSource source, ExtractionBudget budget) {
        long started = System.nanoTime();
        ExtractedAttachment result;
        try {
            result = extractOrSkip(source, budget);
        } catch (RuntimeException e) {
            log.warn(
                    "Attachment {} could not be extracted: {}",
                    source.id(),
                    e.getClass().getName());
            result = ExtractedAttachment.skipped(
                    Reason.FAILED, null, List.of("The attachment could not be read because of an error on our side."));
        }
        if (log.isDebugEnabled()) {
            log.debug(
                    "Attachment {} ({} bytes declared, detected {}): {} {} with {} characters in {} ms",
                    source.id(),
                    source.declaredSize(),
                    result.detectedMimeType(),
                    result.outcome(),
                    result.reason(),
                    result.characterCount(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return result;
    }

    private ExtractedAttachment extractOrSkip(AttachmentSource source, ExtractionBudget budget) {
        long maxBytes = properties.maxBytesPerAttachment().toBytes();
        if (source.declaredSize() > maxBytes) {
            return ExtractedAttachment.skipped(
                    Reason.TOO_BIG,
                    null,
                    List.of("The attachment is " + Sizes.of(source.declaredSize()) + "; attachments above "
                            + Sizes.of(maxBytes) + " are not read."));
        }
        // Only an image can still be used without budget, and the download is only worth it for one.
        if (budget.isExhausted() && !declaredAsImage(source)) {
            return overBudget(null);
        }
        try (PrivateTempDirectory directory = PrivateTempDirectory.create(properties.temporaryDirectory())) {
            Path file = directory.resolve(SPOOLED_FILE_NAME);
            long size;
            try (InputStream in = new ByteLimitedInputStream(source.content().open(), maxBytes)) {
                size = Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (ByteLimitedInputStream.TooManyBytesException e) {
                return ExtractedAttachment.skipped(
                        Reason.TOO_BIG,
                        null,
                        List.of("The attachment is larger than " + Sizes.of(maxBytes)
                                + (source.declaredSize() >= 0
                                        ? " although " + Sizes.of(source.declaredSize()) + " was declared"
                                        : "")
                                + "; reading stopped at the limit."));
            } catch (IOException e) {
                log.debug(
                        "Attachment {} could not be downloaded: {}",
                        source.id(),
                        e.getClass().getName());
                return ExtractedAttachment.skipped(
                        Reason.UNREADABLE, null, List.of("The attachment could not be downloaded."));
            }
            if (size == 0) {
                return ExtractedAttachment.skipped(Reason.EMPTY, null, List.of("The attachment is empty."));
            }
            Attempt attempt = new Attempt(
                    source,
                    file,
                    directory.path(),
                    new BoundedText(budget.available(properties.maxCharactersPerAttachment())));
            Run<Analysis> run =
                    parserThreads.run(() -> analyse(attempt), properties.timePerFile(), attempt.text::close);
            return conclude(run, attempt, budget);
        } catch (IOException e) {
            log.warn(
                    "No private temporary directory for attachment {}: {}",
                    source.id(),
                    e.getClass().getName());
            return ExtractedAttachment.skipped(
                    Reason.FAILED, null, List.of("The attachment could not be read because of an error on our side."));
        }
    }

    /** One extraction's state, shared between the caller and the parser thread. */
    private static final class Attempt {
        final AttachmentSource source;
        final Path file;
        final Path directory;
        final BoundedText text;
        volatile @Nullable MediaType detectedType;
        volatile @Nullable AttachmentKind kind;

        Attempt(AttachmentSource source, Path file, Path directory, BoundedText text) {
            this.source = source;
            this.file = file;
            this.directory = directory;
            this.text = text;
        }

        @Nullable
        String detectedMimeType() {
            MediaType type = detectedType;
            return type == null ? null : type.getBaseType().toString();
        }
    }

    /**
     * What the parser thread found: either a final result (images, refusals) or text left in the
     * attempt's buffer, with what the caller needs to finish it.
     */
    private record Analysis(
            @Nullable ExtractedAttachment result,
            String emailHeaders,
            int leftOutTooDeep,
            int embeddedEncrypted,
            int embeddedUnreadable,
            List<String> warnings) {

        static Analysis finished(ExtractedAttachment result) {
            return new Analysis(result, "", 0, 0, 0, List.of());
        }

        static Analysis text(List<String> warnings) {
            return new Analysis(null, "", 0, 0, 0, warnings);
        }
    }

    private Analysis analyse(Attempt attempt) throws IOException, SAXException, TikaException {
        MediaType type = detect(attempt.file, attempt.source);
        attempt.detectedType = type;
        String mimeType = type.getBaseType().toString();
        MediaTypeRegistry registry = tika.getMediaTypeRegistry();
        AttachmentKind kind = AttachmentKind.of(type, registry);
        attempt.kind = kind;
        List<String> warnings = new ArrayList<>();
        declaredTypeMismatch(attempt.source, type, registry).ifPresent(warnings::add);

        switch (kind) {
            case UNSUPPORTED -> {
                warnings.add("Attachments of type " + mimeType + " are not read.");
                return Analysis.finished(ExtractedAttachment.skipped(Reason.UNSUPPORTED_TYPE, mimeType, warnings));
            }
            case IMAGE -> {
                VisionImages.Prepared prepared = images.prepare(attempt.file, mimeType);
                warnings.addAll(prepared.warnings());
                return Analysis.finished(
                        prepared.image() != null
                                ? ExtractedAttachment.image(prepared.image(), mimeType, warnings)
                                : ExtractedAttachment.skipped(prepared.reason(), mimeType, warnings));
            }
            default -> {}
        }
        if (attempt.text.limit() == 0) {
            return Analysis.finished(overBudget(mimeType));
        }
        if (AttachmentKind.isZipContainer(type, registry)) {
            Optional<String> bomb = zipExpansion.problemWith(attempt.file);
            if (bomb.isPresent()) {
                warnings.add(bomb.get());
                return Analysis.finished(ExtractedAttachment.skipped(Reason.EXPANDS_TOO_MUCH, mimeType, warnings));
            }
        }
        if (kind == AttachmentKind.CSV) {
            readTable(attempt, type);
            return Analysis.text(warnings);
        }
        return parseDocument(attempt, type, kind, warnings);
    }

    private MediaType detect(Path file, AttachmentSource source) throws IOException {
        Metadata metadata = hints(source);
        try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
            return tika.getDetector().detect(in, metadata);
        }
    }

    /**
     * Tika's detector lets the name and declared type only narrow what the content shows (a CSV
     * named .csv within text/plain), never overrule it (a PNG named .pdf stays a PNG).
     */
    private static Metadata hints(AttachmentSource source) {
        Metadata metadata = new Metadata();
        if (!source.fileName().isBlank()) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, source.fileName());
        }
        if (source.declaredMimeType() != null && !source.declaredMimeType().isBlank()) {
            metadata.set(Metadata.CONTENT_TYPE, source.declaredMimeType());
        }
        return metadata;
    }

    private static Optional<String> declaredTypeMismatch(
            AttachmentSource source, MediaType detected, MediaTypeRegistry registry) {
        MediaType declared = source.declaredMimeType() == null ? null : MediaType.parse(source.declaredMimeType());
        if (declared == null || declared.equals(MediaType.OCTET_STREAM)) {
            return Optional.empty();
        }
        MediaType declaredBase = registry.normalize(declared.getBaseType());
        MediaType detectedBase = registry.normalize(detected.getBaseType());
        if (declaredBase.equals(detectedBase)
                || registry.isSpecializationOf(declaredBase, detectedBase)
                || registry.isSpecializationOf(detectedBase, declaredBase)) {
            return Optional.empty();
        }
        return Optional.of("The content is " + detectedBase + " although the attachment was declared as " + declaredBase
                + "; it was read as " + detectedBase + ".");
    }

    private void readTable(Attempt attempt, MediaType type) throws IOException, SAXException, TikaException {
        try (AutoDetectReader reader = new AutoDetectReader(Files.newInputStream(attempt.file));
                BufferedReader lines = new BufferedReader(reader)) {
            lines.mark(64 * 1024);
            String firstLine = Optional.ofNullable(readLine(lines, 64 * 1024)).orElse("");
            lines.reset();
            char separator = type.getSubtype().equals("tab-separated-values") ? '\t' : CsvTables.separatorOf(firstLine);
            try {
                CsvTables.write(lines, separator, attempt.text);
            } catch (SAXException e) {
                if (!attempt.text.limitReached()) {
                    throw e;
                }
            }
        }
    }

    private static @Nullable String readLine(BufferedReader reader, int max) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = reader.read(); c != -1 && c != '\n' && line.length() < max; c = reader.read()) {
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    private Analysis parseDocument(Attempt attempt, MediaType type, AttachmentKind kind, List<String> warnings)
            throws IOException, SAXException, TikaException {
        ParseContext context = new ParseContext();
        DepthLimitedEmbeddedExtractor embedded = new DepthLimitedEmbeddedExtractor(
                documentParser, context, properties.maxEmbeddingDepth(), attempt.directory);
        context.set(EmbeddedDocumentExtractor.class, embedded);
        context.set(Parser.class, documentParser);
        context.set(PDFParserConfig.class, pdfConfig());
        context.set(OfficeParserConfig.class, officeConfig());
        context.set(TesseractOCRConfig.class, noOcr());

        Metadata metadata = hints(attempt.source);
        metadata.set(Metadata.CONTENT_TYPE, type.toString());
        MarkdownContentHandler markdown = new MarkdownContentHandler(
                attempt.text, kind == AttachmentKind.SPREADSHEET ? 2 : 0, kind == AttachmentKind.PLAIN_TEXT);
        try (TikaInputStream in = TikaInputStream.get(attempt.file, metadata)) {
            documentParser.parse(in, new BodyContentHandler(markdown), metadata, context);
        } catch (SAXException | TikaException | IOException e) {
            // Reaching the character limit ends parsing with an exception; the text so far is good.
            if (!attempt.text.limitReached()) {
                throw e;
            }
        }
        return new Analysis(
                null,
                kind == AttachmentKind.EMAIL ? emailHeaders(metadata) : "",
                embedded.leftOutTooDeep(),
                embedded.encrypted(),
                embedded.unreadable(),
                warnings);
    }

    private static PDFParserConfig pdfConfig() {
        PDFParserConfig config = new PDFParserConfig();
        // OCR would need Tesseract and minutes per scanned page: far beyond the time per file.
        config.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        config.setExtractInlineImages(false);
        return config;
    }

    private static OfficeParserConfig officeConfig() {
        OfficeParserConfig config = new OfficeParserConfig();
        // The default DOCX and PPTX extractors build a DOM of the whole document first; the SAX ones
        // stream, so the character limit stops them and a zip bomb cannot fill the heap.
        config.setUseSAXDocxExtractor(true);
        config.setUseSAXPptxExtractor(true);
        config.setIncludeSlideMasterContent(false);
        config.setExtractMacros(false);
        return config;
    }

    private static TesseractOCRConfig noOcr() {
        TesseractOCRConfig config = new TesseractOCRConfig();
        config.setSkipOcr(true);
        return config;
    }

    private static String emailHeaders(Metadata metadata) {
        StringBuilder headers = new StringBuilder();
        header(headers, "From", metadata.getValues("Message-From"));
        header(headers, "To", metadata.getValues("Message-To"));
        header(headers, "Cc", metadata.getValues("Message-Cc"));
        String subject = metadata.get(TikaCoreProperties.SUBJECT);
        header(
                headers,
                "Subject",
                subject != null ? new String[] {subject} : metadata.getValues(TikaCoreProperties.TITLE));
        header(headers, "Date", metadata.getValues(TikaCoreProperties.CREATED));
        return headers.toString();
    }

    private static void header(StringBuilder headers, String name, String[] values) {
        if (values.length > 0) {
            headers.append(name).append(": ").append(String.join(", ", values)).append('\n');
        }
    }

    private ExtractedAttachment conclude(Run<Analysis> run, Attempt attempt, ExtractionBudget budget) {
        if (run instanceof Run.Busy<Analysis> busy) {
            return ExtractedAttachment.skipped(Reason.BUSY, attempt.detectedMimeType(), List.of(busy.why()));
        }
        if (run instanceof Run.TimedOut<Analysis>) {
            String partial = attempt.text.close();
            int stuck = parserThreads.abandoned();
            if (stuck > 0) {
                log.warn(
                        "Parsing attachment {} ({}) exceeded its {} s limit and was stopped; {} parser thread(s) have not returned yet",
                        attempt.source.id(),
                        attempt.detectedMimeType(),
                        properties.timePerFile().toSeconds(),
                        stuck);
            }
            String warning = "Reading stopped after " + seconds() + " (the time limit per file)";
            if (attempt.kind == AttachmentKind.IMAGE || partial.isBlank()) {
                return ExtractedAttachment.skipped(
                        Reason.TIMED_OUT, attempt.detectedMimeType(), List.of(warning + " before any text was found."));
            }
            return finishText(
                    partial,
                    Analysis.text(List.of()),
                    attempt,
                    budget,
                    Reason.TIMED_OUT,
                    warning + "; the text is incomplete.");
        }
        if (run instanceof Run.Failed<Analysis> failed) {
            attempt.text.close();
            ParseFailures.Failure failure = ParseFailures.of(failed.cause());
            log.debug(
                    "Attachment {} ({}) failed to parse: {}",
                    attempt.source.id(),
                    attempt.detectedMimeType(),
                    failed.cause().getClass().getName());
            return ExtractedAttachment.skipped(
                    failure.reason(), attempt.detectedMimeType(), List.of(failure.warning()));
        }
        Analysis analysis = ((Run.Done<Analysis>) run).value();
        String text = attempt.text.close();
        if (analysis.result() != null) {
            return analysis.result();
        }
        return finishText(text, analysis, attempt, budget, null, null);
    }

    private ExtractedAttachment finishText(
            String raw,
            Analysis analysis,
            Attempt attempt,
            ExtractionBudget budget,
            @Nullable Reason stoppedBecause,
            @Nullable String stopWarning) {
        String mimeType = attempt.detectedMimeType();
        List<String> warnings = new ArrayList<>(analysis.warnings());
        if (stopWarning != null) {
            warnings.add(stopWarning);
        }
        String body = tidy(raw);
        if (body.isEmpty()) {
            warnings.add("No text was found in the attachment (a scanned document would need OCR, which is off).");
            return ExtractedAttachment.skipped(Reason.EMPTY, mimeType, warnings);
        }
        String text = analysis.emailHeaders().isEmpty() ? body : analysis.emailHeaders() + "\n" + body;

        Reason truncated = stoppedBecause;
        int perAttachment = properties.maxCharactersPerAttachment();
        if (attempt.text.limitReached() || text.length() > attempt.text.limit()) {
            boolean budgetWasTheLimit = attempt.text.limit() < perAttachment;
            text = cut(text, attempt.text.limit());
            if (budgetWasTheLimit) {
                truncated = firstOf(truncated, Reason.OVER_BUDGET);
                warnings.add(budgetWarning(text.length()));
            } else {
                truncated = firstOf(truncated, Reason.CHARACTER_LIMIT);
                warnings.add("Only the first " + Sizes.characters(perAttachment)
                        + " characters are used (the limit per attachment).");
            }
        }
        int granted = budget.take(text.length());
        if (granted == 0) {
            return overBudget(mimeType);
        }
        if (granted < text.length()) {
            // Another attachment of the same generation took part of the budget in the meantime.
            text = cut(text, granted);
            truncated = firstOf(truncated, Reason.OVER_BUDGET);
            warnings.add(budgetWarning(text.length()));
        }
        if (analysis.leftOutTooDeep() > 0) {
            truncated = firstOf(truncated, Reason.TOO_DEEP);
            warnings.add(count(analysis.leftOutTooDeep(), "document nested", "documents nested") + " deeper than "
                    + count(properties.maxEmbeddingDepth(), "level", "levels") + " "
                    + (analysis.leftOutTooDeep() == 1 ? "was" : "were")
                    + " left out.");
        }
        if (analysis.embeddedEncrypted() > 0) {
            warnings.add(count(analysis.embeddedEncrypted(), "embedded document is", "embedded documents are")
                    + " password-protected and left out.");
        }
        if (analysis.embeddedUnreadable() > 0) {
            warnings.add(count(analysis.embeddedUnreadable(), "embedded document", "embedded documents")
                    + " could not be read and " + (analysis.embeddedUnreadable() == 1 ? "was" : "were")
                    + " left out.");
        }
        return ExtractedAttachment.text(
                text, truncated, mimeType == null ? "application/octet-stream" : mimeType, warnings);
    }

    private ExtractedAttachment overBudget(@Nullable String mimeType) {
        return ExtractedAttachment.skipped(
                Reason.OVER_BUDGET,
                mimeType,
                List.of("Not read: this generation's budget of "
                        + Sizes.characters(properties.maxCharactersPerGeneration())
                        + " characters of attachment text is used up."));
    }

    private String budgetWarning(int used) {
        return "Only the first " + Sizes.characters(used)
                + " characters are used: this generation's budget for attachment text ran out.";
    }

    private String seconds() {
        long millis = properties.timePerFile().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static boolean declaredAsImage(AttachmentSource source) {
        String declared = source.declaredMimeType();
        return declared != null && declared.toLowerCase(Locale.ROOT).startsWith("image/");
    }

    /** Collapses runs of blank lines and trims, so that layout noise does not cost budget. */
    private static String tidy(String text) {
        return BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
    }

    private static String cut(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int end = length;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static Reason firstOf(@Nullable Reason first, Reason second) {
        return first != null ? first : second;
    }

    private static String count(int n, String singular, String plural) {
        return n == 1 ? "1 " + singular : n + " " + plural;
    }

    @Override
    public void close() {
        parserThreads.close();
    }
}
