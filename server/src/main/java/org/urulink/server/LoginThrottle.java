package org.urulink.server;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import org.urulink.protocol.ErrorCode;

/**
 * Slows password guessing: after {@value #PER_USERNAME} failed logins for one username, or
 * {@value #PER_ADDRESS} from one address (higher, since many people may share one address behind NAT), within
 * {@link #WINDOW}, further attempts for it are refused with 429 until the window passes.
 */
final class LoginThrottle {
    static final int PER_USERNAME = 10;
    static final int PER_ADDRESS = 100;
    static final Duration WINDOW = Duration.ofMinutes(5);

    /**
     * Failure counts in windows that start at a key's first failure: this node's memory, or Redis so that
     * every node counts the same guesses.
     */
    interface Counts {
        /** Failures of the key in its current window. */
        int failures(String key);

        void fail(String key, Duration window);

        void clear(String key);
    }

    private final Counts counts;

    LoginThrottle(Counts counts) {
        this.counts = counts;
    }

    /** Counts in this node's memory. */
    static LoginThrottle local(Clock clock) {
        return new LoginThrottle(new InMemory(clock));
    }

    /** @throws ChatException {@code rate_limited} when this username or address failed too often lately */
    void check(String username, String address) {
        check(userKey(username), PER_USERNAME);
        check(addressKey(address), PER_ADDRESS);
    }

    void failed(String username, String address) {
        counts.fail(userKey(username), WINDOW);
        counts.fail(addressKey(address), WINDOW);
    }

    void succeeded(String username) {
        counts.clear(userKey(username));
    }

    private static String userKey(String username) {
        return "user:" + username;
    }

    private static String addressKey(String address) {
        return "addr:" + address;
    }

    private void check(String key, int max) {
        if (counts.failures(key) >= max) {
            throw new ChatException(ErrorCode.RATE_LIMITED, "too many failed logins; try again in a few minutes");
        }
    }

    private static final class InMemory implements Counts {
        private record Window(long start, int failures) {
        }

        private final ConcurrentHashMap<String, Window> failures = new ConcurrentHashMap<>();
        private final Clock clock;

        InMemory(Clock clock) {
            this.clock = clock;
        }

        @Override
        public int failures(String key) {
            Window w = failures.get(key);
            return w == null || clock.millis() - w.start() >= WINDOW.toMillis() ? 0 : w.failures();
        }

        @Override
        public void fail(String key, Duration window) {
            long now = clock.millis();
            if (failures.size() > 100_000) {
                failures.values().removeIf(w -> now - w.start() >= window.toMillis());
            }
            failures.merge(key, new Window(now, 1), (old, one) -> now - old.start() >= window.toMillis()
                    ? one : new Window(old.start(), old.failures() + 1));
        }

        @Override
        public void clear(String key) {
            failures.remove(key);
        }
    }
}
