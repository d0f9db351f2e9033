package dev.casewright.extraction;

import java.util.Locale;

/** Byte counts as people read them in warnings. */
final class Sizes {

    private Sizes() {}

    static String of(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    static String characters(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
