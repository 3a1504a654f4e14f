package org.urulink.cli;

import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The instrument's own accounting of one run: which receiver got which message, how often, and how long after it
 * was sent. Messages are numbered {@code sender * perSender + k}; every time is {@link System#nanoTime()} of this
 * one process, so sender and receiver share a clock.
 *
 * <p>Latency samples count only the steady part: the first {@code warmup} messages of each sender warm the server
 * and the generator up and are left out of the percentiles (never out of the loss and duplicate counts): by
 * default the first tenth; an open loop leaves out its first {@link #WARMUP_SECONDS} (see {@link #openLoopWarmup}).
 */
final class BenchLedger {
    /** Whether {@code receiver} should get {@code message} (e.g. its partner's, or any but its own in a group). */
    @FunctionalInterface
    interface Audience {
        boolean expects(int receiver, int message);
    }

    private final int perSender;
    private final int warmup;
    private final Audience audience;
    private final long[] sentAt;
    /** When each message reached its last receiver; 0 while one is still waiting. */
    private final long[] doneAt;
    private final AtomicIntegerArray waiting;
    private final BitSet[] got;
    private final long expected;
    private final AtomicLong delivered = new AtomicLong();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder unexpected = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final long[] deliveryNanos;
    private final AtomicInteger deliverySamples = new AtomicInteger();
    private final long[] lastMemberNanos;
    private final AtomicInteger lastMemberSamples = new AtomicInteger();
    private final long mark10;
    private final long mark90;
    private volatile long firstAt;
    private volatile long at10;
    private volatile long at90;
    private volatile long lastAt;

    /**
     * How long an open loop warms up. Measured: the first ~3.5 s of a run at 5,000 messages/s had medians of
     * 50 – 150 ms while the compilers of a fresh bench JVM took the cores the server shares, then ~4 ms.
     */
    static final int WARMUP_SECONDS = 5;

    /**
     * @param receiversPerMessage how many receivers get each message (1 for a pair, the other members in a group)
     */
    BenchLedger(int senders, int perSender, int receivers, int receiversPerMessage, Audience audience) {
        this(senders, perSender, receivers, receiversPerMessage, audience, perSender >= 10 ? perSender / 10 : 0);
    }

    /** @param warmup each sender's first messages, left out of the percentiles */
    BenchLedger(int senders, int perSender, int receivers, int receiversPerMessage, Audience audience, int warmup) {
        this.perSender = perSender;
        this.warmup = warmup;
        this.audience = audience;
        int messages = Math.multiplyExact(senders, perSender);
        this.sentAt = new long[messages];
        this.doneAt = new long[messages];
        this.waiting = new AtomicIntegerArray(messages);
        for (int m = 0; m < messages; m++) {
            waiting.set(m, receiversPerMessage);
        }
        this.got = new BitSet[receivers];
        for (int r = 0; r < receivers; r++) {
            got[r] = new BitSet();
        }
        this.expected = (long) messages * receiversPerMessage;
        int steady = Math.multiplyExact(senders, perSender - warmup);
        this.deliveryNanos = new long[Math.toIntExact((long) steady * receiversPerMessage)];
        this.lastMemberNanos = new long[steady];
        this.mark10 = Math.max(1, expected / 10);
        this.mark90 = Math.max(1, expected * 9 / 10);
    }

    /**
     * The warm-up of an open loop sending {@code ratePerSender} messages/s from each sender: its first
     * {@link #WARMUP_SECONDS}, at least the first tenth and at most half of each sender's messages.
     */
    static int openLoopWarmup(int perSender, double ratePerSender) {
        long bySeconds = (long) Math.ceil(WARMUP_SECONDS * ratePerSender);
        return (int) Math.min(perSender / 2, Math.max(perSender / 10, bySeconds));
    }

    int warmup() {
        return warmup;
    }

    /** Whether {@code message} is among its sender's first {@code warmup}, left out of the percentiles. */
    private boolean inWarmup(int message) {
        return message % perSender < warmup;
    }

    int messages() {
        return sentAt.length;
    }

    long expected() {
        return expected;
    }

    /** Records when {@code message} was sent, or for an open loop when it was due to be sent. */
    void sent(int message, long nanos) {
        sentAt[message] = nanos;
    }

    /** The server refused a send with {@code code}; the message will count as lost. */
    void refused(String code) {
        errors.computeIfAbsent(code.isEmpty() ? "unknown" : code, k -> new LongAdder()).increment();
    }

    /** {@code receiver} got {@code message} at {@code nanos}. */
    void received(int receiver, int message, long nanos) {
        if (message < 0 || message >= sentAt.length || !audience.expects(receiver, message)) {
            unexpected.increment();
            return;
        }
        BitSet mine = got[receiver];
        synchronized (mine) {
            if (mine.get(message)) {
                duplicates.increment();
                return;
            }
            mine.set(message);
        }
        long n = delivered.incrementAndGet();
        if (n == 1) {
            firstAt = nanos;
        }
        if (n == mark10) {
            at10 = nanos;
        }
        if (n == mark90) {
            at90 = nanos;
        }
        lastAt = nanos;
        boolean steady = !inWarmup(message);
        long took = nanos - sentAt[message];
        if (steady) {
            deliveryNanos[deliverySamples.getAndIncrement()] = took;
        }
        if (waiting.decrementAndGet(message) == 0) {
            doneAt[message] = nanos;
            if (steady) {
                lastMemberNanos[lastMemberSamples.getAndIncrement()] = took;
            }
        }
    }

    /**
     * One CSV line per message sent: its number, when it was (due to be) sent in microseconds from the first
     * send, the microseconds until its last receiver had it (empty if one never did), and 1 if it was warm-up.
     */
    void writeSamples(java.io.Writer out) throws java.io.IOException {
        long first = Long.MAX_VALUE;
        for (long t : sentAt) {
            if (t != 0) {
                first = Math.min(first, t);
            }
        }
        out.write(BenchSamples.HEADER);
        StringBuilder line = new StringBuilder(48);
        for (int m = 0; m < sentAt.length; m++) {
            if (sentAt[m] == 0) {
                continue;
            }
            line.setLength(0);
            line.append(m).append(',').append((sentAt[m] - first) / 1000).append(',');
            if (doneAt[m] != 0) {
                line.append((doneAt[m] - sentAt[m]) / 1000);
            }
            line.append(',').append(inWarmup(m) ? 1 : 0).append('\n');
            out.append(line);
        }
    }

    long delivered() {
        return delivered.get();
    }

    boolean complete() {
        return delivered.get() >= expected;
    }

    long lost() {
        return expected - delivered.get();
    }

    long duplicates() {
        return duplicates.sum();
    }

    long unexpected() {
        return unexpected.sum();
    }

    Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * Delivered messages per second over the steady part: between the 10th and the 90th percent of deliveries,
     * which leaves out the ramp-up and the tail. Zero when nothing was delivered.
     */
    double steadyRate() {
        long n = delivered.get();
        if (n >= mark90 && mark90 > mark10 && at90 > at10) {
            return (mark90 - mark10) / ((at90 - at10) / 1e9);
        }
        if (n > 1 && lastAt > firstAt) {
            return (n - 1) / ((lastAt - firstAt) / 1e9);
        }
        return 0;
    }

    /** Send-to-receipt times of every steady delivery. */
    Percentiles deliveries() {
        return Percentiles.of(deliveryNanos, deliverySamples.get());
    }

    /** Per message, the time until its last receiver had it (fanout's figure). */
    Percentiles lastMember() {
        return Percentiles.of(lastMemberNanos, lastMemberSamples.get());
    }
}
