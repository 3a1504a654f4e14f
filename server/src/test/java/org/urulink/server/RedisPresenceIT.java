package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Presence across nodes on the machine's real Redis, with a short lease so a dead node is noticed quickly. */
class RedisPresenceIT {
    static final Duration LEASE = Duration.ofMillis(600);
    RedisClient client;
    RedisKeys keys;

    @BeforeEach
    void connect() {
        client = RedisClients.open(TestCluster.REDIS);
        keys = new RedisKeys(TestCluster.freshPrefix());
    }

    @AfterEach
    void disconnect() {
        client.shutdown();
    }

    RedisPresence node(String id) {
        RedisPresence p = new RedisPresence(client, keys, id, Clock.systemUTC(), LEASE);
        p.startFresh();
        return p;
    }

    @Test
    void aUserIsOnlineFromTheFirstSessionOnAnyNodeToTheLastOneAnywhere() {
        RedisPresence a = node("a");
        RedisPresence b = node("b");
        assertTrue(a.connected("u1"), "first session anywhere");
        assertFalse(b.connected("u1"), "already online through node a");
        assertFalse(a.disconnected("u1"), "still on node b");
        assertTrue(a.isOnline("u1"));
        assertTrue(b.disconnected("u1"), "last session anywhere");
        assertFalse(a.isOnline("u1"));
    }

    @Test
    void routingFindsEveryNodeHoldingEachRecipient() {
        RedisPresence a = node("a");
        RedisPresence b = node("b");
        a.connected("u1");
        b.connected("u1");
        b.connected("u2");
        Map<String, Set<String>> routes = a.nodesOf(List.of("u1", "u2", "u3"));
        assertEquals(Map.of("a", Set.of("u1"), "b", Set.of("u1", "u2")), routes);
    }

    @Test
    void aNodeThatDiesWithoutAWordHasItsUsersTakenOfflineByAnother() throws InterruptedException {
        RedisPresence dead = node("dead");
        RedisPresence live = node("live");
        dead.connected("u1");
        dead.connected("u2");
        live.connected("u2");
        Thread.sleep(LEASE.toMillis() + 200); // the dead node stops heartbeating; the live one does not
        live.heartbeat();
        assertFalse(live.isOnline("u1"), "a lapsed claim no longer counts");
        assertEquals(List.of("u1"), live.reapDeadNodes(), "u2 still has a session on the live node");
        assertTrue(live.isOnline("u2"));
        assertEquals(List.of(), live.reapDeadNodes(), "a dead node is cleaned up once");
    }

    @Test
    void aNodeRestartedUnderItsOldNameClearsWhatItsEarlierLifeLeft() {
        RedisPresence before = node("n");
        before.connected("u1");
        RedisPresence after = new RedisPresence(client, keys, "n", Clock.systemUTC(), LEASE);
        assertEquals(List.of("u1"), after.startFresh());
        assertFalse(after.isOnline("u1"));
    }
}
