package org.urulink.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One login's tokens, kept fresh. A refresh token works once, so every refresh goes through here,
 * one at a time, and the rotated pair is saved to the {@link TokenStore} before anyone uses it.
 */
public final class Session {
    /** Refresh this long before the access token runs out, so a call never leaves with a dying token. */
    public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(10);

    private final TokenStore store;
    private final Clock clock;
    private final Duration margin;
    private Credentials current;

    public Session(TokenStore store, Credentials initial, Clock clock, Duration margin) {
        this.store = Objects.requireNonNull(store);
        this.current = Objects.requireNonNull(initial);
        this.clock = Objects.requireNonNull(clock);
        this.margin = Objects.requireNonNull(margin);
    }

    /** The session stored in {@code store}. */
    public static Session resume(TokenStore store, Clock clock) {
        Credentials stored = store.load()
                .orElseThrow(() -> new NotLoggedInException("not logged in"));
        return new Session(store, stored, clock, DEFAULT_MARGIN);
    }

    public synchronized Credentials credentials() {
        return current;
    }

    Clock clock() {
        return clock;
    }

    /** An access token with at least the margin left, refreshing through {@code refresher} when needed. */
    synchronized String accessToken(UnaryOperator<Credentials> refresher) {
        if (current.accessExpiresAt() - clock.millis() <= margin.toMillis()) {
            refresh(current.accessToken(), refresher);
        }
        return current.accessToken();
    }

    /**
     * Replaces {@code staleToken} (the server said it expired). If another caller already replaced it, or
     * another process saved newer tokens to the store, those are used instead of spending the refresh token.
     */
    synchronized String refresh(String staleToken, UnaryOperator<Credentials> refresher) {
        if (!current.accessToken().equals(staleToken)) {
            return current.accessToken();
        }
        return store.exclusively(() -> refreshHoldingStore(refresher));
    }

    private String refreshHoldingStore(UnaryOperator<Credentials> refresher) {
        Credentials stored = store.load().orElse(current);
        if (sameLogin(stored) && !stored.refreshToken().equals(current.refreshToken())) {
            current = stored; // another process rotated the pair: ours is spent, theirs is the live one
            if (stored.accessExpiresAt() - clock.millis() > margin.toMillis()) {
                return current.accessToken();
            }
        }
        Credentials fresh = refresher.apply(current);
        store.save(fresh);
        current = fresh;
        return current.accessToken();
    }

    private boolean sameLogin(Credentials other) {
        return other.server().equals(current.server()) && other.user().id().equals(current.user().id());
    }
}
