package dev.casewright.generation;

import java.time.Duration;

/** This instance already runs as many generations as its processors can serve. */
class ServiceBusyException extends RuntimeException {

    private final Duration retryAfter;

    ServiceBusyException(int limit, Duration retryAfter) {
        super("Casewright is generating " + limit + " suites at once, as many as it can serve well; try again in a "
                + "moment.");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
