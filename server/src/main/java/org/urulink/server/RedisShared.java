package org.urulink.server;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * State every node must see alike, in Redis: WebSocket tickets (issued by one node, redeemed at another) and
 * failed-login counts (a guesser spreading over nodes is counted once).
 */
final class RedisShared implements WsTickets.Holder, LoginThrottle.Counts, AutoCloseable {
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;

    RedisShared(RedisClient client, RedisKeys keys) {
        this.connection = client.connect();
        this.redis = connection.sync();
        this.keys = keys;
    }

    @Override
    public void put(String ticket, Tokens.Claims claims, Duration ttl) {
        String value = String.join("\n", claims.userId(), claims.username(), claims.loginId(),
                String.valueOf(claims.expiresAt().toEpochMilli()));
        redis.set(keys.ticket(ticket), value, SetArgs.Builder.px(ttl.toMillis()));
    }

    @Override
    public Optional<Tokens.Claims> take(String ticket) {
        // GETDEL: two nodes redeeming one ticket at once cannot both get it.
        String value = redis.getdel(keys.ticket(ticket));
        if (value == null) {
            return Optional.empty();
        }
        String[] f = value.split("\n", -1);
        return Optional.of(new Tokens.Claims(f[0], f[1], f[2], Instant.ofEpochMilli(Long.parseLong(f[3]))));
    }

    @Override
    public int failures(String key) {
        String n = redis.get(keys.throttle(key));
        return n == null ? 0 : Integer.parseInt(n);
    }

    @Override
    public void fail(String key, Duration window) {
        String k = keys.throttle(key);
        // The window starts at the first failure and is not moved by later ones, as on one node.
        if (redis.incr(k) == 1) {
            redis.pexpire(k, window.toMillis());
        }
    }

    @Override
    public void clear(String key) {
        redis.del(keys.throttle(key));
    }

    @Override
    public void close() {
        connection.close();
    }
}
