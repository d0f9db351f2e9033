package dev.casewright.extraction;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxBytesPerAttachment larger attachments are refused, by declared size before download and
 *     by counting while reading
 * @param maxCharactersPerAttachment text beyond this is cut off (TRUNCATED)
 * @param maxCharactersPerGeneration the budget {@link AttachmentTextExtractor#newBudget()} starts with,
 *     shared by all attachments of one generation
 * @param timePerFile how long one file may be parsed; waiting for a free parser thread may take as
 *     long again before the file is skipped as BUSY
 * @param maxEmbeddingDepth how deep documents inside documents (e-mail attachments, embedded objects)
 *     are read; 0 reads none
 * @param images caps for images handed to vision models
 * @param parsers the bounded pool that parsing runs on
 * @param expansion zip-bomb and nesting limits
 * @param temporaryDirectory where each extraction makes its private, owner-only directory; the
 *     system temporary directory when not set
 */
@Validated
@ConfigurationProperties("casewright.extraction")
record ExtractionProperties(
        @NotNull @DefaultValue("20MB") DataSize maxBytesPerAttachment,
        @Positive @DefaultValue("100000") int maxCharactersPerAttachment,
        @Positive @DefaultValue("200000") int maxCharactersPerGeneration,
        @NotNull @DefaultValue("10s") Duration timePerFile,
        @PositiveOrZero @DefaultValue("3") int maxEmbeddingDepth,
        @Valid @NotNull @DefaultValue Images images,
        @Valid @NotNull @DefaultValue Parsers parsers,
        @Valid @NotNull @DefaultValue Expansion expansion,
        @Nullable Path temporaryDirectory) {

    /**
     * @param maxLongestSide larger images are scaled down to this many pixels on their longest side
     *     (1568 px is what vision models use without rescaling on their side)
     * @param maxBytes larger images are re-encoded (and scaled further) to fit
     * @param maxSourcePixels images claiming more pixels are refused before decoding (decompression bombs)
     */
    record Images(
            @Positive @DefaultValue("1568") int maxLongestSide,
            @NotNull @DefaultValue("3750000B") DataSize maxBytes,
            @Positive @DefaultValue("100000000") long maxSourcePixels) {}

    /**
     * @param threads files parsed at the same time; parsing is CPU-bound, so keep this near the core count
     * @param maxWaiting extractions that may wait for a free thread; more are skipped as BUSY at once
     * @param maxAbandoned threads whose parser ignored its time limit and still runs; when this many
     *     are stuck, new files are skipped as BUSY instead of starting more runaway threads
     */
    record Parsers(
            @Positive @DefaultValue("2") int threads,
            @PositiveOrZero @DefaultValue("8") int maxWaiting,
            @Positive @DefaultValue("4") int maxAbandoned) {}

    /**
     * @param maxCompressionRatio a zip entry (or, for Tika, output per input byte) expanding more than
     *     this many times is treated as a zip bomb, as POI and Tika do by default
     * @param maxExpandedSize zip-based documents whose entries declare more bytes than this in total
     *     are refused before parsing
     * @param maxXmlNesting deeper XHTML element nesting is treated as an attack (Tika's default is 100)
     * @param maxPackageNesting deeper nesting of package entries is treated as an attack (Tika's default is 10)
     */
    record Expansion(
            @Positive @DefaultValue("100") long maxCompressionRatio,
            @NotNull @DefaultValue("256MB") DataSize maxExpandedSize,
            @Positive @DefaultValue("100") int maxXmlNesting,
            @Positive @DefaultValue("10") int maxPackageNesting) {}
}
