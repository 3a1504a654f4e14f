package org.urulink.cli;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What held the whole bench up during a run: a thread of it sleeps 1 ms at a time and notes each wake-up more than
 * 2 ms late. It needs almost no CPU, so a late wake-up means no CPU was free for it: the host gave the machine none
 * (a virtual machine's CPU quota, a busy neighbour), the kernel ran something else first (at high rates that can be
 * the server's own threads), or the bench's collector had stopped it. Its receiving threads waited as long, so a
 * message in flight then looks late by as much: these figures tell the machine's share of a run's tail.
 */
final class BenchStalls implements AutoCloseable {
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Past the latency target's p99: a stall this long makes every message in flight miss it. */
    static final long THRESHOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** What the timer saw; in JSON as {@code {"count":…,"total_us":…,"max_us":…}}. */
    record Figures(@JsonProperty("count") long count, @JsonProperty("total_us") long totalMicros,
                   @JsonProperty("max_us") long maxMicros) {
        @Override
        public String toString() {
            return count == 0 ? "none over 2 ms (a 1 ms timer in the bench always woke in time)"
                    : String.format(Locale.ROOT, "%,d over 2 ms, %.1f ms in all, the longest %.1f ms (a 1 ms timer in "
                    + "the bench woke late: no CPU was free for the bench then)", count, totalMicros / 1000.0,
                    maxMicros / 1000.0);
        }
    }

    private Thread thread;
    private volatile boolean running = true;
    /** Written by the timer thread only; read after it has ended. */
    private long count;
    private long totalNanos;
    private long maxNanos;

    /** Runs {@code work} with the timer running; answers what it saw meanwhile. */
    static Figures during(Runnable work) {
        BenchStalls timer = start();
        try {
            work.run();
        } finally {
            timer.close();
        }
        return timer.figures();
    }

    /** Starts timing now; {@link #close} stops it. */
    static BenchStalls start() {
        BenchStalls stalls = new BenchStalls();
        stalls.thread = Thread.ofPlatform().name("bench-stall-timer").daemon().start(stalls::loop);
        return stalls;
    }

    /** A timer without its thread, fed by {@link #note} alone: for tests of the counting. */
    static BenchStalls untimed() {
        return new BenchStalls();
    }

    private void loop() {
        while (running) {
            long due = System.nanoTime() + PERIOD_NANOS;
            LockSupport.parkNanos(PERIOD_NANOS);
            note(System.nanoTime() - due);
        }
    }

    /** Counts one wake-up {@code lateNanos} after it was due. */
    void note(long lateNanos) {
        if (lateNanos > THRESHOLD_NANOS) {
            count++;
            totalNanos += lateNanos;
            maxNanos = Math.max(maxNanos, lateNanos);
        }
    }

    /** Stops the timer and waits for its thread to end. */
    @Override
    public void close() {
        running = false;
        if (thread == null) {
            return;
        }
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The figures of the run: after {@link #close}, or of an untimed one. */
    Figures figures() {
        return new Figures(count, TimeUnit.NANOSECONDS.toMicros(totalNanos), TimeUnit.NANOSECONDS.toMicros(maxNanos));
    }
}
