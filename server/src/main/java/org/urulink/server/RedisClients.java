package org.urulink.server;

import java.net.URI;
import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;

/** Builds the Redis client from {@code redis-url}. */
final class RedisClients {
    /** Longest wait for one command; presence and throttles are not worth more. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private RedisClients() {
    }

    static RedisClient open(URI uri) {
        RedisURI redis = RedisURI.create(uri);
        // Redis before 7.2 answers CLIENT SETINFO with an error at every connect; we need none of it.
        redis.setLibraryName("");
        redis.setLibraryVersion("");
        redis.setTimeout(TIMEOUT);
        RedisClient client = RedisClient.create(redis);
        client.setOptions(ClientOptions.builder()
                .maintNotificationsConfig(MaintNotificationsConfig.disabled())
                // While Redis is away, fail at once instead of queueing: presence degrades, chat goes on.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
        return client;
    }
}
