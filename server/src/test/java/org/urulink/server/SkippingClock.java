package org.urulink.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock plus a skip the test moves forward, so a running server lives through days in a moment. It keeps
 * ticking between skips: timeouts measured in real time (sessions, polls) behave as always.
 */
final class SkippingClock extends Clock {
    /** Read by the server's threads while the test's thread skips. */
    private final AtomicLong skippedMillis = new AtomicLong();

    void skip(Duration d) {
        skippedMillis.addAndGet(d.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(skippedMillis.get());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + skippedMillis.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // The server only reads instants; a zone would change nothing it sees.
        return this;
    }
}
