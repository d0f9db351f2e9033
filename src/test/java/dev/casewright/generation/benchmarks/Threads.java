package dev.casewright.generation.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of the benchmark's own parts (fake model, fake Jira, clients): always platform threads,
 * a new or idle one per task. Virtual threads would share the service's carrier threads (one per
 * core) and queue behind its work, so a CPU-bound service would slow its own fakes down — which a
 * real model or Jira, elsewhere, would not be. The fakes' waits hold no thread anyway (replies are
 * scheduled), so the number of platform threads stays small.
 */
final class Threads {

    private Threads() {}

    static boolean virtualAvailable() {
        return Runtime.version().feature() >= 21;
    }

    static ExecutorService perTask(String name) {
        var count = new AtomicInteger();
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
