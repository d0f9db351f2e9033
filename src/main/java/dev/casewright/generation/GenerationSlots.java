package dev.casewright.generation;

import dev.casewright.tenancy.TenantId;
import org.springframework.stereotype.Component;

/** Caps how many generations one tenant runs at once. */
@Component
class GenerationSlots {

    /** Held for the whole generation, streamed or not; closing it frees the slot. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    Slot acquire(TenantId tenant) {
        return () -> {};
    }
}
