package dev.casewright.generation;

import dev.casewright.tenancy.TenantId;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * Caps how many generations one tenant runs at once: a semaphore bulkhead per tenant, so one busy
 * site cannot take every model connection and thread from the others. Nobody waits for a slot: a
 * user would rather be told at once than watch a spinner, so a full tenant is refused.
 */
@Component
class GenerationSlots {

    private static final String PREFIX = "generations-";

    private final BulkheadRegistry bulkheads;
    private final BulkheadConfig config;
    private final GenerationProperties properties;

    GenerationSlots(BulkheadRegistry bulkheads, GenerationProperties properties) {
        this.bulkheads = bulkheads;
        this.properties = properties;
        this.config = BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrentPerTenant())
                .maxWaitDuration(Duration.ZERO)
                .build();
    }

    /** Held for the whole generation, streamed or not; closing it frees the slot. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @throws GenerationsBusyException when the tenant already runs as many generations as allowed
     */
    Slot acquire(TenantId tenant) {
        Bulkhead bulkhead = bulkheads.bulkhead(PREFIX + tenant.value(), config);
        if (!bulkhead.tryAcquirePermission()) {
            throw new GenerationsBusyException(properties.maxConcurrentPerTenant(), properties.busyRetryAfter());
        }
        return new HeldSlot(bulkhead);
    }

    /**
     * A permit, not a lock: a semaphore has no owner thread, so a streamed generation may close it
     * on whichever thread finishes the stream. Closing twice (a completion and an error callback
     * both firing) frees the slot once.
     */
    private static final class HeldSlot implements Slot {

        private final Bulkhead bulkhead;
        private final AtomicBoolean open = new AtomicBoolean(true);

        HeldSlot(Bulkhead bulkhead) {
            this.bulkhead = bulkhead;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                bulkhead.onComplete();
            }
        }
    }
}
