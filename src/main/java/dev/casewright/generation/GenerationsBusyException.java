package dev.casewright.generation;

import java.time.Duration;

/** A tenant already runs as many generations at once as it may. */
class GenerationsBusyException extends RuntimeException {

    private final int limit;
    private final Duration retryAfter;

    GenerationsBusyException(int limit, Duration retryAfter) {
        super("Your site already runs " + limit + (limit == 1 ? " generation" : " generations")
                + " at once, the most it may; try again when one of them has finished.");
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    int limit() {
        return limit;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
