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

    private record Window(long start, int failures) {
    }

    private final ConcurrentHashMap<String, Window> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** @throws ChatException {@code rate_limited} when this username or address failed too often lately */
    void check(String username, String address) {
        check(userKey(username), PER_USERNAME);
        check(addressKey(address), PER_ADDRESS);
    }

    void failed(String username, String address) {
        failed(userKey(username));
        failed(addressKey(address));
    }

    void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private static String userKey(String username) {
        return "user:" + username;
    }

    private static String addressKey(String address) {
        return "addr:" + address;
    }

    private void check(String key, int max) {
        Window w = failures.get(key);
        if (w != null && w.failures() >= max && clock.millis() - w.start() < WINDOW.toMillis()) {
            throw new ChatException(ErrorCode.RATE_LIMITED, "too many failed logins; try again in a few minutes");
        }
    }

    private void failed(String key) {
        long now = clock.millis();
        if (failures.size() > 100_000) {
            failures.values().removeIf(w -> now - w.start() >= WINDOW.toMillis());
        }
        failures.merge(key, new Window(now, 1), (old, one) -> now - old.start() >= WINDOW.toMillis()
                ? one : new Window(old.start(), old.failures() + 1));
    }

}
