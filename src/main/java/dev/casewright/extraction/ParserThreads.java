package dev.casewright.extraction;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs parsing on a few platform threads with a time limit, so that parsing never blocks a caller
 * beyond the limit and the number of threads parsing at once stays bounded.
 *
 * <p>Tika has no in-process timeout, and most parsers ignore interrupts. When a parse times out, its
 * caller gets an answer at once and its slot is freed for the next file; the thread itself may run on
 * ("abandoned") until the parser notices it was stopped (see {@link BoundedText#close()}). Threads are
 * therefore not reused for a fixed slot: a cached pool provides them, and the number parsing at once
 * is bounded by {@code threads} slots. The trade-off: a parser that never returns keeps one thread
 * busy for the life of the process; once {@code maxAbandoned} such threads exist, new files are
 * skipped as BUSY instead of starting more of them, and only a restart recovers. Isolating parsers
 * in child processes (Tika's ForkParser or tika-pipes) would avoid that at the price of a JVM per
 * worker.
 */
final class ParserThreads implements AutoCloseable {

    private final Semaphore slots;
    /** Callers parsing or waiting to parse; beyond it, callers are turned away at once. */
    private final Semaphore admitted;

    private final int maxAbandoned;
    private final AtomicInteger abandoned = new AtomicInteger();
    private final ExecutorService threads;

    ParserThreads(int threads, int maxWaiting, int maxAbandoned) {
        this.slots = new Semaphore(threads, true);
        this.admitted = new Semaphore(threads + maxWaiting);
        this.maxAbandoned = maxAbandoned;
        AtomicLong numbers = new AtomicLong();
        this.threads =
                new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "extraction-parser-" + numbers.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** What became of a run. */
    sealed interface Run<T> {
        record Done<T>(T value) implements Run<T> {}

        record Failed<T>(Throwable cause) implements Run<T> {}

        record TimedOut<T>() implements Run<T> {}

        record Busy<T>(String why) implements Run<T> {}
    }

    /**
     * Runs {@code work} with at most {@code timeLimit} to finish once it has a thread, after waiting
     * at most as long for one. On timeout, {@code stop} is called before the thread is interrupted, so
     * that the parser's output can be closed under it.
     */
    <T> Run<T> run(Callable<T> work, Duration timeLimit, Runnable stop) {
        if (abandoned.get() >= maxAbandoned) {
            return new Run.Busy<>("Parsing is paused: " + abandoned.get()
                    + " earlier files are still stuck in their parsers and the service needs a restart.");
        }
        if (!admitted.tryAcquire()) {
            return new Run.Busy<>("Too many attachments are being read at the moment; try again shortly.");
        }
        try {
            if (!slots.tryAcquire(timeLimit.toNanos(), TimeUnit.NANOSECONDS)) {
                return new Run.Busy<>(
                        "No parser became free within " + timeLimit.toMillis() + " ms; try again shortly.");
            }
            try {
                return runInSlot(work, timeLimit, stop);
            } finally {
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run.Busy<>("The request was cancelled while waiting for a parser.");
        } finally {
            admitted.release();
        }
    }

    private <T> Run<T> runInSlot(Callable<T> work, Duration timeLimit, Runnable stop) {
        // 0 running, 1 finished, 2 abandoned: whoever moves it away from 0 decides who counts it.
        AtomicInteger state = new AtomicInteger();
        Future<T> future;
        try {
            future = threads.submit(() -> {
                try {
                    return work.call();
                } finally {
                    if (!state.compareAndSet(0, 1)) {
                        abandoned.decrementAndGet();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            return new Run.Busy<>("The parser pool is shutting down.");
        }
        try {
            return new Run.Done<>(future.get(timeLimit.toNanos(), TimeUnit.NANOSECONDS));
        } catch (ExecutionException e) {
            return new Run.Failed<>(e.getCause());
        } catch (TimeoutException | CancellationException e) {
            abandon(future, state, stop);
            return new Run.TimedOut<>();
        } catch (InterruptedException e) {
            abandon(future, state, stop);
            Thread.currentThread().interrupt();
            return new Run.TimedOut<>();
        }
    }

    private void abandon(Future<?> future, AtomicInteger state, Runnable stop) {
        stop.run();
        future.cancel(true);
        if (state.compareAndSet(0, 2)) {
            abandoned.incrementAndGet();
        }
    }

    /** Threads whose parser outlived its time limit and has not returned yet. */
    int abandoned() {
        return abandoned.get();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
