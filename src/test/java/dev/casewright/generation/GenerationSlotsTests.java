package dev.casewright.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casewright.tenancy.TenantId;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenerationSlotsTests {

    private final TenantId acme = new TenantId(UUID.randomUUID().toString());
    private final TenantId globex = new TenantId(UUID.randomUUID().toString());
    private final ExecutorService generations = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        generations.shutdownNow();
    }

    private static GenerationSlots slots(int perTenant) {
        return new GenerationSlots(
                BulkheadRegistry.ofDefaults(),
                TestGenerationProperties.with(Map.of("max-concurrent-per-tenant", Integer.toString(perTenant))));
    }

    @Test
    void theGenerationOneTooManyForATenantIsRefusedWhileAnotherTenantIsServed() throws Exception {
        var slots = new GenerationSlots(BulkheadRegistry.ofDefaults(), TestGenerationProperties.with(Map.of()));
        var running = new CountDownLatch(4);
        var finish = new CountDownLatch(1);
        List<Future<?>> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(generations.submit(() -> {
                try (var slot = slots.acquire(acme)) {
                    running.countDown();
                    finish.await();
                }
                return null;
            }));
        }
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> slots.acquire(acme))
                .isInstanceOfSatisfying(GenerationsBusyException.class, e -> {
                    assertThat(e.limit()).isEqualTo(4);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(15));
                })
                .hasMessage("Your site already runs 4 generations at once, the most it may; try again when one of"
                        + " them has finished.");
        try (var other = slots.acquire(globex)) {
            assertThat(other).isNotNull();
        }

        finish.countDown();
        for (Future<?> generation : four) {
            generation.get(10, TimeUnit.SECONDS);
        }
        try (var again = slots.acquire(acme)) {
            assertThat(again).as("a finished generation frees its slot").isNotNull();
        }
    }

    @Test
    void closingASlotTwiceFreesItOnce() {
        var slots = slots(2);
        var first = slots.acquire(acme);
        var second = slots.acquire(acme);

        first.close();
        first.close();

        var third = slots.acquire(acme);
        assertThatThrownBy(() -> slots.acquire(acme)).isInstanceOf(GenerationsBusyException.class);
        second.close();
        third.close();
    }

    @Test
    void aSlotTakenOnOneThreadMayBeFreedOnAnother() throws Exception {
        var slots = slots(1);
        var slot = slots.acquire(acme);
        assertThatThrownBy(() -> slots.acquire(acme)).isInstanceOf(GenerationsBusyException.class);

        // As when a streamed generation ends on the thread that sent its last event.
        generations.submit(slot::close).get(10, TimeUnit.SECONDS);

        try (var next = slots.acquire(acme)) {
            assertThat(next).isNotNull();
        }
    }

    @Test
    void theInstanceAsAWholeRefusesOnceItRunsItsMaximumAndEveryRefusalGivesItsSlotBack() {
        var slots = new GenerationSlots(
                BulkheadRegistry.ofDefaults(),
                TestGenerationProperties.with(Map.of("max-concurrent", "2", "max-concurrent-per-tenant", "1")));
        var first = slots.acquire(acme);
        // A tenant at its own cap is refused as such, and does not keep an instance slot.
        assertThatThrownBy(() -> slots.acquire(acme)).isInstanceOf(GenerationsBusyException.class);
        var second = slots.acquire(globex);

        assertThatThrownBy(() -> slots.acquire(new TenantId(UUID.randomUUID().toString())))
                .isInstanceOf(ServiceBusyException.class);

        first.close();
        try (var next = slots.acquire(new TenantId(UUID.randomUUID().toString()))) {
            assertThat(next).isNotNull();
        }
        second.close();
    }

    @Test
    void withoutAnInstanceMaximumTheCapIsSixteenGenerationsPerProcessor() {
        assertThat(TestGenerationProperties.with(Map.of()).maxConcurrentOnInstance(2))
                .isEqualTo(32);
        assertThat(TestGenerationProperties.with(Map.of("max-concurrent", "500"))
                        .maxConcurrentOnInstance(2))
                .isEqualTo(500);
    }
}
