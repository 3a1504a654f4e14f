package org.urulink.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th wait lies between half and all of
 * {@code min(max, initial * 2^n)}, so clients that lost the same server do not all come back at once.
 * Not thread-safe.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private int attempts;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
    }

    /** The next wait, in milliseconds. */
    long next() {
        long ceiling = Math.min(maxMillis, initialMillis << Math.min(attempts, 30));
        attempts++;
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    /** After a success: the next failure waits the initial time again. */
    void reset() {
        attempts = 0;
    }
}
