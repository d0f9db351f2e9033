package dev.casewright.generation.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread per task: virtual on a JDK that has them (21+), else daemon platform threads. The code
 * is compiled for Java 17, so the virtual-thread executor is looked up at run time.
 */
final class Threads {

    private Threads() {}

    static boolean virtualAvailable() {
        return Runtime.version().feature() >= 21;
    }

    static ExecutorService perTask(String name) {
        if (virtualAvailable()) {
            try {
                return (ExecutorService) Executors.class
                        .getMethod("newVirtualThreadPerTaskExecutor")
                        .invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("this JDK announces virtual threads but has none", e);
            }
        }
        var count = new AtomicInteger();
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
