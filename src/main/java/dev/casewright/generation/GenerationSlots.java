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
 *
 * <p>A second bulkhead caps the whole instance. Virtual threads make waiting for models nearly
 * free, but each generation still needs CPU (the embedding model of the duplicate check above
 * all); past what the cores can serve, everything slows down together until our own calls to
 * Jira time out and count against the site's circuit breaker (docs/benchmarks.md measured this
 * at 1,000 concurrent generations). Refusing early with 503 keeps the admitted ones fast and lets
 * a load balancer send the rest elsewhere.
 */
@Component
class GenerationSlots {

    private static final String PREFIX = "generations-";

    private final BulkheadRegistry bulkheads;
    private final BulkheadConfig config;
    private final GenerationProperties properties;
    private final Bulkhead instance;
    private final int instanceLimit;

    GenerationSlots(BulkheadRegistry bulkheads, GenerationProperties properties) {
        this.bulkheads = bulkheads;
        this.properties = properties;
        this.config = BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrentPerTenant())
                .maxWaitDuration(Duration.ZERO)
                .build();
        this.instanceLimit =
                properties.maxConcurrentOnInstance(Runtime.getRuntime().availableProcessors());
        this.instance = bulkheads.bulkhead(
                "generations-instance",
                BulkheadConfig.custom()
                        .maxConcurrentCalls(instanceLimit)
                        .maxWaitDuration(Duration.ZERO)
                        .build());
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
        if (!instance.tryAcquirePermission()) {
            throw new ServiceBusyException(instanceLimit, properties.busyRetryAfter());
        }
        Bulkhead bulkhead = bulkheads.bulkhead(PREFIX + tenant.value(), config);
        if (!bulkhead.tryAcquirePermission()) {
            instance.onComplete();
            throw new GenerationsBusyException(properties.maxConcurrentPerTenant(), properties.busyRetryAfter());
        }
        return new HeldSlot(bulkhead, instance);
    }

    /**
     * A permit, not a lock: a semaphore has no owner thread, so a streamed generation may close it
     * on whichever thread finishes the stream. Closing twice (a completion and an error callback
     * both firing) frees the slot once.
     */
    private static final class HeldSlot implements Slot {

        private final Bulkhead bulkhead;
        private final Bulkhead instance;
        private final AtomicBoolean open = new AtomicBoolean(true);

        HeldSlot(Bulkhead bulkhead, Bulkhead instance) {
            this.bulkhead = bulkhead;
            this.instance = instance;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                bulkhead.onComplete();
                instance.onComplete();
            }
        }
    }
}
