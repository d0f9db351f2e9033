package dev.casewright.extraction;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The characters of attachment text one generation may still use, shared by all attachments of
 * that generation. Safe to share between threads: characters are taken atomically, so attachments
 * extracted in parallel never overspend it together.
 */
public final class ExtractionBudget {

    private final AtomicLong remaining;

    private ExtractionBudget(long characters) {
        if (characters < 0) {
            throw new IllegalArgumentException("A budget cannot be negative: " + characters);
        }
        this.remaining = new AtomicLong(characters);
    }

    /** A budget of the given number of characters. */
    public static ExtractionBudget of(long characters) {
        return new ExtractionBudget(characters);
    }

    public long remaining() {
        return remaining.get();
    }

    public boolean isExhausted() {
        return remaining.get() == 0;
    }

    /** The characters one attachment may use if it were the only one still extracting. */
    int available(int perAttachment) {
        return (int) Math.min(perAttachment, remaining.get());
    }

    /** Takes up to {@code wanted} characters and returns how many were granted. */
    int take(int wanted) {
        while (true) {
            long left = remaining.get();
            int granted = (int) Math.min(wanted, left);
            if (remaining.compareAndSet(left, left - granted)) {
                return granted;
            }
        }
    }

    @Override
    public String toString() {
        return "ExtractionBudget[remaining=" + remaining.get() + "]";
    }
}
