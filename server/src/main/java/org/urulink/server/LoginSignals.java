package org.urulink.server;

import java.lang.System.Logger.Level;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.urulink.protocol.Json;

/**
 * Closing a login's sessions (logout, a reused refresh token) wherever they are: on this node directly, and
 * on the others through a Redis channel every node listens to. Pub/sub may drop a signal while a node is
 * disconnected from Redis; the revoked tokens are refused anyway and expire within their short lifetime.
 */
interface LoginSignals extends AutoCloseable {
    void closeLogin(String loginId, int code, String reason);

    @Override
    default void close() {
    }

    /** One node: close the sessions here. */
    static LoginSignals local(LocalSessions sessions) {
        return sessions::closeLogin;
    }

    /** Every node: publish on Redis, and close what any node publishes. */
    static LoginSignals redis(RedisClient client, RedisKeys keys, LocalSessions sessions) {
        return new OverRedis(client, keys, sessions);
    }

    final class OverRedis implements LoginSignals {
        private static final System.Logger LOG = System.getLogger(LoginSignals.class.getName());
        private final StatefulRedisPubSubConnection<String, String> listen;
        private final StatefulRedisPubSubConnection<String, String> speak;
        private final RedisKeys keys;
        private final LocalSessions sessions;

        OverRedis(RedisClient client, RedisKeys keys, LocalSessions sessions) {
            this.keys = keys;
            this.sessions = sessions;
            this.listen = client.connectPubSub();
            this.speak = client.connectPubSub();
            listen.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    heard(message);
                }
            });
            listen.sync().subscribe(keys.closeLogins());
        }

        @Override
        public void closeLogin(String loginId, int code, String reason) {
            sessions.closeLogin(loginId, code, reason);
            try {
                speak.sync().publish(keys.closeLogins(), Json.mapper().createObjectNode()
                        .put("login", loginId).put("code", code).put("reason", reason).toString());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not tell other nodes to close a revoked login's sessions", e);
            }
        }

        private void heard(String message) {
            try {
                JsonNode m = Json.mapper().readTree(message);
                sessions.closeLogin(m.path("login").asText(), m.path("code").asInt(), m.path("reason").asText());
            } catch (JsonProcessingException e) {
                LOG.log(Level.WARNING, "ignored a malformed close-login signal");
            }
        }

        @Override
        public void close() {
            listen.close();
            speak.close();
        }
    }
}
