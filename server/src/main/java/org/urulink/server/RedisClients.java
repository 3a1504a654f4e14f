package org.urulink.server;

import java.net.URI;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

/** Builds the Redis client from {@code redis-url}. */
final class RedisClients {
    private RedisClients() {
    }

    static RedisClient open(URI uri) {
        RedisURI redis = RedisURI.create(uri);
        // Redis before 7.2 answers CLIENT SETINFO with an error at every connect; we need none of it.
        redis.setLibraryName("");
        redis.setLibraryVersion("");
        RedisClient client = RedisClient.create(redis);
        client.setOptions(ClientOptions.builder()
                .maintNotificationsConfig(MaintNotificationsConfig.disabled())
                .build());
        return client;
    }
}
