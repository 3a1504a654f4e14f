package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.urulink.protocol.UserInfo;

class SessionTest {
    private static final long NOW = 1_000_000L;
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private final AtomicInteger refreshes = new AtomicInteger();
    private final UnaryOperator<Credentials> refresher = old -> {
        int n = refreshes.incrementAndGet();
        return creds("a" + (n + 1), "r" + (n + 1), NOW + 60_000);
    };

    private static Credentials creds(String access, String refresh, long expiresAt) {
        return new Credentials(URI.create("http://h"), new UserInfo("u", "alice", "Alice"), access, refresh, expiresAt);
    }

    @Test
    void freshTokenIsUsedWithoutRefreshing() {
        Session s = new Session(TokenStore.inMemory(), creds("a1", "r1", NOW + 60_000), clock, Duration.ofSeconds(10));
        assertEquals("a1", s.accessToken(refresher));
        assertEquals(0, refreshes.get());
    }

    @Test
    void tokenNearExpiryIsRefreshedAheadAndTheNewPairStored() {
        TokenStore store = TokenStore.inMemory();
        Session s = new Session(store, creds("a1", "r1", NOW + 5_000), clock, Duration.ofSeconds(10));
        assertEquals("a2", s.accessToken(refresher));
        assertEquals("r2", store.load().orElseThrow().refreshToken());
    }

    @Test
    void aStaleTokenAlreadyReplacedIsNotRefreshedTwice() {
        Session s = new Session(TokenStore.inMemory(), creds("a1", "r1", NOW + 60_000), clock, Duration.ZERO);
        assertEquals("a2", s.refresh("a1", refresher));
        assertEquals("a2", s.refresh("a1", refresher)); // a second caller that also saw a1 expire
        assertEquals(1, refreshes.get());
    }

    @Test
    void tokensRotatedByAnotherProcessAreAdoptedInsteadOfSpendingTheOldRefreshToken() {
        TokenStore store = TokenStore.inMemory();
        Session s = new Session(store, creds("a1", "r1", NOW + 60_000), clock, Duration.ZERO);
        store.save(creds("b1", "rb", NOW + 60_000));
        assertEquals("b1", s.refresh("a1", refresher));
        assertEquals(0, refreshes.get());
    }
}
