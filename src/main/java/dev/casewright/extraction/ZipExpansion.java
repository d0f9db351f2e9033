package dev.casewright.extraction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Refuses zip-based documents (OOXML, ODF) whose entries declare that they expand far beyond their
 * compressed size, before any parser inflates them. Parsers that build a DOM (Tika's default DOCX
 * extractor via POI) otherwise run out of memory on a megabyte-sized bomb long before a time or
 * character limit can stop them. Sizes in the central directory can lie; entries that lie are still
 * bounded by streaming parsers, the character limit and the time limit.
 */
final class ZipExpansion {

    /** Entries smaller than this are never treated as bombs, whatever their ratio (as POI does). */
    private static final long GRACE_SIZE = 1024 * 1024;

    private final long maxCompressionRatio;
    private final long maxExpandedBytes;

    ZipExpansion(long maxCompressionRatio, long maxExpandedBytes) {
        this.maxCompressionRatio = maxCompressionRatio;
        this.maxExpandedBytes = maxExpandedBytes;
    }

    /** Why the file would expand too much, or empty if it looks sane or is no readable zip. */
    Optional<String> problemWith(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long total = 0;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                long size = entry.getSize();
                long compressed = entry.getCompressedSize();
                if (size < 0) {
                    continue;
                }
                total += size;
                if (size > GRACE_SIZE && compressed > 0 && size / compressed > maxCompressionRatio) {
                    return Optional.of("The file expands " + (size / compressed)
                            + " times when unpacked (a possible zip bomb) and was not read.");
                }
            }
            if (total > maxExpandedBytes) {
                return Optional.of("The file unpacks to " + Sizes.of(total) + ", more than the "
                        + Sizes.of(maxExpandedBytes) + " allowed, and was not read.");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Not a readable zip: the parser will say how it is broken.
            return Optional.empty();
        }
    }
}
