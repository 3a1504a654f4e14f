package org.urulink.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * What every scenario shares: its settings, the bench users, HTTP, the progress line, a run id that keeps this
 * run's client ids apart from earlier runs' (the server dedupes sends on sender and client id), and the
 * receiving side's {@link Tap}.
 */
final class BenchRun {
    /**
     * How many times a received message is counted: 1 normally. Tests drop (0) or double (2) one to show that the
     * instrument's own accounting catches what a faulty server would do.
     */
    @FunctionalInterface
    interface Tap {
        Tap NONE = (receiver, message) -> 1;

        int copies(int receiver, int message);
    }

    final BenchSettings settings;
    final BenchUsers users;
    final BenchHttp http;
    final BenchProgress progress;
    final Tap tap;
    final String runId = Long.toString(System.currentTimeMillis(), 36);
    private volatile long lastFrame = System.nanoTime();

    BenchRun(BenchSettings settings, BenchUsers users, BenchProgress progress, Tap tap) {
        this.settings = settings;
        this.users = users;
        this.http = new BenchHttp(settings.server());
        this.progress = progress;
        this.tap = tap;
    }

    /** The bench users 0 to {@code count - 1}, logged in, with the progress line saying so. */
    List<BenchUsers.User> users(int count) {
        AtomicInteger ready = new AtomicInteger();
        progress.show(() -> "logging in bench users " + ready.get() + "/" + count
                + " (the first run registers them: ~0.4 s of server CPU each)");
        return users.ensure(count, ready::set);
    }

    /** Opens the sessions with the progress line counting them. */
    List<BenchSocket> open(BenchNet net, List<BenchNet.Spec> specs, BenchSocket.Receiver receiver) {
        AtomicInteger opened = new AtomicInteger();
        progress.show(() -> "opening sessions " + opened.get() + "/" + specs.size());
        BenchSocket.Receiver noting = (socket, text, nanos) -> {
            lastFrame = nanos;
            receiver.onFrame(socket, text, nanos);
        };
        return net.open(specs, noting, opened::set);
    }

    /**
     * Waits until no frame has arrived for a quarter second (at most 30 s): going online makes the server tell
     * everyone who shares a conversation, and that storm must pass before anything is timed.
     */
    void awaitQuiet() {
        progress.show(() -> "waiting for presence updates to settle");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        sleep(300);
        while (System.nanoTime() - lastFrame < TimeUnit.MILLISECONDS.toNanos(250) && System.nanoTime() < deadline) {
            sleep(50);
        }
    }

    /**
     * Waits until the ledger is complete, or until {@code progress} (deliveries plus acks, say) has not moved for
     * the idle timeout: what has not arrived by then is lost.
     */
    void drain(BenchLedger ledger, LongSupplier moved) {
        long idle = settings.idleTimeout().toNanos();
        long last = moved.getAsLong();
        long since = System.nanoTime();
        while (!ledger.complete()) {
            sleep(20);
            long now = moved.getAsLong();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > idle) {
                return;
            }
        }
    }

    /** "delivered 51,200/100,000  9,870 msg/s  3.2 s" for the progress line. */
    static String deliveredLine(BenchLedger ledger, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT, "delivered %,d/%,d  %,.0f msg/s  %.1f s", ledger.delivered(),
                ledger.expected(), seconds > 0 ? ledger.delivered() / seconds : 0, seconds);
    }

    /** Runs {@code call(i)} for i in 0..n-1 on virtual threads, {@code concurrency} at a time. */
    static <T> List<T> parallel(int n, int concurrency, IntFunction<T> call) {
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        return call.apply(index);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<T> out = new java.util.ArrayList<>(n);
            for (Future<T> f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return out;
        }
    }

    /** Parks until {@code dueNanos} on the {@link System#nanoTime()} clock; returns at once when it has passed. */
    static void until(long dueNanos) {
        long left;
        while ((left = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
