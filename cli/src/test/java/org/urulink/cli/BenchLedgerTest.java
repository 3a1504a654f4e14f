package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The instrument's accounting and arithmetic, without a server. */
class BenchLedgerTest {

    @Test
    void percentilesAreNearestRankInMicroseconds() {
        long[] nanos = new long[1000];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (nanos.length - i) * 1_000L; // 1000 µs down to 1 µs, unsorted
        }
        Percentiles p = Percentiles.of(nanos, nanos.length);
        assertEquals(new Percentiles(1000, 500, 990, 999, 1000), p);
        assertEquals(Percentiles.NONE, Percentiles.of(nanos, 0));
    }

    @Test
    void eachReceiptCountsOnceAndTheRestAreDuplicatesOrUnexpected() {
        // Two pairs of 10 messages: receiver r expects sender r's messages r*10 .. r*10+9.
        BenchLedger ledger = new BenchLedger(2, 10, 2, 1, (r, m) -> m / 10 == r);
        for (int m = 0; m < 20; m++) {
            ledger.sent(m, 0);
            ledger.received(m / 10, m, 1_000_000);
        }
        ledger.received(0, 3, 2_000_000);
        ledger.received(1, 3, 2_000_000);
        assertEquals(20, ledger.delivered());
        assertEquals(0, ledger.lost());
        assertEquals(1, ledger.duplicates());
        assertEquals(1, ledger.unexpected());
    }

    @Test
    void theFirstTenthOfEachSendersMessagesIsLeftOutOfTheLatencies() {
        BenchLedger ledger = new BenchLedger(1, 10, 1, 1, (r, m) -> true);
        ledger.sent(0, 0);
        ledger.received(0, 0, 50_000_000); // warm-up: 50 ms, not a sample
        for (int m = 1; m < 10; m++) {
            ledger.sent(m, 0);
            ledger.received(0, m, 1_000_000);
        }
        assertEquals(new Percentiles(9, 1000, 1000, 1000, 1000), ledger.deliveries());
    }

    @Test
    void anOpenLoopLeavesOutItsFirstSecondsWithinATenthAndAHalf() {
        // 5,000/s over 100 pairs: 50 per pair per second, so 5 s are each pair's first 250 messages.
        assertEquals(250, BenchLedger.openLoopWarmup(1000, 50));
        assertEquals(100, BenchLedger.openLoopWarmup(1000, 1), "never less than the first tenth");
        assertEquals(25, BenchLedger.openLoopWarmup(50, 50), "never more than half: short runs keep samples");
        BenchLedger ledger = new BenchLedger(1, 10, 1, 1, (r, m) -> true, BenchLedger.openLoopWarmup(10, 50));
        for (int m = 0; m < 10; m++) {
            ledger.sent(m, 0);
            ledger.received(0, m, m < 5 ? 90_000_000 : 2_000_000); // the slow start is not a sample
        }
        assertEquals(new Percentiles(5, 2000, 2000, 2000, 2000), ledger.deliveries());
    }

    @Test
    void messagesNotReceivedAreLost() {
        BenchLedger ledger = new BenchLedger(1, 5, 3, 3, (r, m) -> true);
        ledger.received(0, 0, 1);
        ledger.received(1, 0, 2);
        assertEquals(15, ledger.expected());
        assertEquals(13, ledger.lost());
        assertEquals(0, ledger.lastMember().count(), "no message reached all three");
    }

    @Test
    void clientIdsOfOtherRunsAreNotThisRunsMessages() {
        MessageIds ids = new MessageIds("abc");
        assertEquals(42, ids.parse(ids.of(42)));
        assertEquals(-1, ids.parse("abd.42"));
        assertEquals(-1, ids.parse("abc42"));
        assertEquals(-1, ids.parse("abc.4x"));
    }
}
