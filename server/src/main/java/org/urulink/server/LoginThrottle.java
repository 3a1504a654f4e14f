package org.urulink.server;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import org.urulink.protocol.ErrorCode;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins for one username (or from one address)
 * within {@link #WINDOW}, further attempts are refused with 429 until the window passes.
 */
final class LoginThrottle {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(5);

    private record Window(long start, int failures) {
    }

    private final ConcurrentHashMap<String, Window> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** @throws ChatException {@code rate_limited} when this key failed too often lately */
    void check(String key) {
        Window w = failures.get(key);
        if (w != null && w.failures() >= MAX_FAILURES && clock.millis() - w.start() < WINDOW.toMillis()) {
            throw new ChatException(ErrorCode.RATE_LIMITED, "too many failed logins; try again in a few minutes");
        }
    }

    void failed(String key) {
        long now = clock.millis();
        if (failures.size() > 100_000) {
            failures.values().removeIf(w -> now - w.start() >= WINDOW.toMillis());
        }
        failures.merge(key, new Window(now, 1), (old, one) -> now - old.start() >= WINDOW.toMillis()
                ? one : new Window(old.start(), old.failures() + 1));
    }

    void succeeded(String key) {
        failures.remove(key);
    }
}
