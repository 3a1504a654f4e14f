package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class BenchStallsTest {
    private static long ms(double millis) {
        return (long) (millis * 1_000_000);
    }

    @Test
    void countsOnlyWakeUpsMoreThanTwoMillisecondsLate() {
        BenchStalls stalls = BenchStalls.untimed();
        stalls.note(ms(0.3));
        stalls.note(ms(2.0));
        assertEquals(new BenchStalls.Figures(0, 0, 0), stalls.figures());
        assertTrue(stalls.figures().toString().startsWith("none over 2 ms"), stalls.figures().toString());

        stalls.note(ms(3));
        stalls.note(ms(17.5));
        stalls.note(ms(1));
        assertEquals(new BenchStalls.Figures(2, 20_500, 17_500), stalls.figures());
        assertTrue(stalls.figures().toString().startsWith("2 over 2 ms, 20.5 ms in all, the longest 17.5 ms"),
                stalls.figures().toString());
    }

    @Test
    void timesTheWorkAndLeavesNoThreadBehind() {
        long start = System.nanoTime();
        BenchStalls.Figures f = BenchStalls.during(() -> BenchRun.sleep(50));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue(f.count() >= 0 && f.totalMicros() >= f.maxMicros(), f.toString());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("bench-stall-timer")), "the timer thread ended with the run");
    }
}
