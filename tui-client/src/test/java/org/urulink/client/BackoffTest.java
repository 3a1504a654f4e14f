package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleWithJitterUpToTheCeiling() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000));
        long[] ceilings = {100, 200, 400, 800, 1_000, 1_000, 1_000};
        for (long ceiling : ceilings) {
            long wait = b.next();
            assertTrue(wait >= ceiling / 2 && wait <= ceiling, wait + " not in [" + ceiling / 2 + ", " + ceiling + "]");
        }
    }

    @Test
    void resetStartsOverAtTheInitialWait() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));
        for (int i = 0; i < 10; i++) {
            b.next();
        }
        b.reset();
        assertTrue(b.next() <= 100);
    }

    @Test
    void manyFailuresNeverOverflow() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        for (int i = 0; i < 200; i++) {
            long wait = b.next();
            assertTrue(wait > 0 && wait <= 30_000, "wait " + wait);
        }
    }
}
