package dev.casewright.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records usage metadata. The user's generation or publication has already happened when this is
 * called, so a database hiccup must not fail it: one retry, then the event is counted as lost in
 * the {@code casewright.usage.lost} metric (and logged without content) instead of thrown.
 */
@Component
public class UsageRecorder {

    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);
    private static final int ATTEMPTS = 2;

    private final UsageEventRepository events;
    private final TransactionTemplate transactions;
    private final Counter lost;

    UsageRecorder(UsageEventRepository events, TransactionTemplate transactions, MeterRegistry meters) {
        this.events = events;
        this.transactions = transactions;
        this.lost = Counter.builder("casewright.usage.lost")
                .description("Usage events that could not be stored")
                .register(meters);
    }

    /** @return whether the event was stored */
    public boolean record(UsageEvent event) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                transactions.executeWithoutResult(status -> events.save(new UsageEventEntity(event)));
                return true;
            } catch (DataAccessException e) {
                log.warn(
                        "Could not store a usage event for tenant {} (attempt {}): {}",
                        event.tenant(),
                        attempt,
                        e.getClass().getSimpleName());
            }
        }
        lost.increment();
        return false;
    }
}
