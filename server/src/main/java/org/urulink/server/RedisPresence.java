package org.urulink.server;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Presence shared by every node through Redis. Each user has a sorted set of the nodes holding a session of
 * theirs, scored by when that claim runs out; each node renews its claims every {@link #HEARTBEAT}, so a node
 * that dies without a word stops counting after {@link #LEASE} and the first live node to notice takes its
 * users offline ({@link #reapDeadNodes()}): within lease plus one heartbeat, 25 s. Session counts per user are
 * kept in this node's memory.
 */
final class RedisPresence implements Presence {
    static final Duration LEASE = Duration.ofSeconds(20);
    static final Duration HEARTBEAT = Duration.ofSeconds(5);

    // Drop run-out claims, then count the others and add ours: the user was offline when none was left.
    private static final String CLAIM = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            local before = redis.call('ZCARD', KEYS[1])
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('SADD', KEYS[2], ARGV[5])
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            return before""";
    private static final String RELEASE = """
            redis.call('ZREM', KEYS[1], ARGV[2])
            redis.call('SREM', KEYS[2], ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            return redis.call('ZCARD', KEYS[1])""";

    private final RedisCommands<String, String> redis;
    private final RedisAsyncCommands<String, String> async;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisKeys keys;
    private final String node;
    private final Clock clock;
    private final long lease;
    /** Sessions on this node, counted as on a lone node; Redis hears only of a user's first and last one here. */
    private final LocalPresence local = new LocalPresence();

    RedisPresence(RedisClient client, RedisKeys keys, String node, Clock clock) {
        this(client, keys, node, clock, LEASE);
    }

    /** @param lease how long a claim lasts unrenewed; tests shorten it */
    RedisPresence(RedisClient client, RedisKeys keys, String node, Clock clock, Duration lease) {
        this.lease = lease.toMillis();
        this.connection = client.connect();
        this.redis = connection.sync();
        this.async = connection.async();
        this.keys = keys;
        this.node = node;
        this.clock = clock;
    }

    /** This node's name in Redis and on the bus. */
    String node() {
        return node;
    }

    @Override
    public boolean connected(String userId) {
        if (!local.connected(userId)) {
            return false;
        }
        long now = clock.millis();
        Long before = redis.eval(CLAIM, ScriptOutputType.INTEGER, new String[] {keys.user(userId), keys.nodeUsers(node)},
                String.valueOf(now), String.valueOf(now + lease), node,
                String.valueOf(2 * lease), userId);
        return before == 0;
    }

    @Override
    public boolean disconnected(String userId) {
        if (!local.disconnected(userId)) {
            return false;
        }
        Long left = redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {keys.user(userId), keys.nodeUsers(node)},
                String.valueOf(clock.millis()), node, userId);
        return left == 0;
    }

    /** Unknown counts as offline: a send must not fail because Redis is away. */
    @Override
    public boolean isOnline(String userId) {
        try {
            return redis.zcount(keys.user(userId), Range.create((double) clock.millis(), Double.POSITIVE_INFINITY)) > 0;
        } catch (RuntimeException e) {
            System.getLogger(RedisPresence.class.getName()).log(System.Logger.Level.DEBUG, "presence lookup failed", e);
            return false;
        }
    }

    @Override
    public boolean healthy() {
        try {
            return "PONG".equals(redis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The live nodes holding sessions of these users, each with the users it holds; one round trip. */
    Map<String, Set<String>> nodesOf(Collection<String> userIds) {
        double now = clock.millis();
        // Async commands go out back to back without waiting for each answer: one round trip for them all.
        Map<String, RedisFuture<List<String>>> asked = new HashMap<>();
        for (String u : userIds) {
            asked.put(u, async.zrangebyscore(keys.user(u), Range.create(now, Double.POSITIVE_INFINITY)));
        }
        Map<String, Set<String>> byNode = new HashMap<>();
        asked.forEach((user, nodes) -> {
            for (String n : Redis.await(nodes)) {
                byNode.computeIfAbsent(n, k -> new LinkedHashSet<>()).add(user);
            }
        });
        return byNode;
    }

    /** Renews this node's claims on its users and on its own liveness. */
    void heartbeat() {
        long until = clock.millis() + lease;
        List<RedisFuture<?>> sent = new ArrayList<>();
        sent.add(async.zadd(keys.nodes(), until, node));
        // Gone with the last node: dead entries must outlive a lease so another node can clean up after them.
        sent.add(async.pexpire(keys.nodes(), 4 * lease));
        for (String u : local.users()) {
            // Also rebuilds presence after Redis restarted empty.
            sent.add(async.sadd(keys.nodeUsers(node), u));
            sent.add(async.pexpire(keys.nodeUsers(node), 2 * lease));
            sent.add(async.zadd(keys.user(u), until, node));
            sent.add(async.pexpire(keys.user(u), 2 * lease));
        }
        sent.forEach(Redis::await);
    }

    /**
     * Takes the users of nodes whose lease ran out off their claims; returns those now online nowhere, who
     * should be announced offline. One live node does each dead node's work.
     */
    List<String> reapDeadNodes() {
        List<String> offline = new ArrayList<>();
        for (String dead : redis.zrangebyscore(keys.nodes(), Range.create(Double.NEGATIVE_INFINITY,
                (double) clock.millis()))) {
            if (dead.equals(node)) {
                continue;
            }
            if ("OK".equals(redis.set(keys.reaper(dead), node, SetArgs.Builder.nx().px(lease)))) {
                offline.addAll(release(dead));
            }
        }
        return offline;
    }

    /** Forgets every claim of {@code deadNode}; the users left with no live node. */
    private List<String> release(String deadNode) {
        List<String> offline = new ArrayList<>();
        long now = clock.millis();
        for (String u : redis.smembers(keys.nodeUsers(deadNode))) {
            Long left = redis.eval(RELEASE, ScriptOutputType.INTEGER,
                    new String[] {keys.user(u), keys.nodeUsers(deadNode)}, String.valueOf(now), deadNode, u);
            if (left == 0) {
                offline.add(u);
            }
        }
        redis.del(keys.nodeUsers(deadNode));
        redis.zrem(keys.nodes(), deadNode);
        return offline;
    }

    /**
     * Clears what an earlier life of this node (same id, crashed) left behind, before it serves anyone;
     * returns the users that leaves online nowhere.
     */
    List<String> startFresh() {
        List<String> offline = release(node);
        heartbeat();
        return offline;
    }

    @Override
    public void close() {
        // A clean stop gives up the claims at once instead of letting them run out.
        try {
            release(node);
        } catch (RuntimeException e) {
            System.getLogger(RedisPresence.class.getName()).log(System.Logger.Level.DEBUG,
                    "releasing presence at shutdown failed", e);
        }
        connection.close();
    }
}
