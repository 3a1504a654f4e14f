package org.urulink.server;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisClient;

/**
 * What nodes share besides the store: presence, the bus, WebSocket tickets, login throttles and login
 * closing. Embedded, all of it lives in this process; with Redis (and RabbitMQ for the bus) every node
 * sees the same.
 */
record Backplane(Presence presence, Bus bus, WsTickets tickets, LoginThrottle throttle, LoginSignals logins,
                 java.util.Optional<RedisPresence> cluster,
                 List<AutoCloseable> closeables) implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Backplane.class.getName());

    static Backplane embedded(LocalSessions sessions, Clock clock) {
        return new Backplane(new LocalPresence(), new LocalBus(sessions), WsTickets.local(clock),
                LoginThrottle.local(clock), LoginSignals.local(sessions), java.util.Optional.empty(), List.of());
    }

    /** Presence, tickets, throttles and login closing in Redis; the bus on RabbitMQ when given. */
    static Backplane shared(RedisClient redis, String prefix, java.util.Optional<com.rabbitmq.client.Connection> amqp,
                            String node, LocalSessions sessions, Metrics metrics, Clock clock) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            RedisKeys keys = new RedisKeys(prefix);
            RedisPresence presence = track(opened, new RedisPresence(redis, keys, node, clock));
            RedisShared shared = track(opened, new RedisShared(redis, keys));
            LoginSignals logins = track(opened, LoginSignals.redis(redis, keys, sessions));
            Bus bus = amqp.<Bus>map(c -> new RabbitBus(c, presence, sessions, metrics))
                    .orElseGet(() -> new LocalBus(sessions));
            track(opened, bus);
            return new Backplane(presence, bus, new WsTickets(shared), new LoginThrottle(shared), logins,
                    java.util.Optional.of(presence), List.copyOf(opened));
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e instanceof BackendException ? e : new BackendException("cannot use Redis (redis-url): "
                    + e.getMessage() + "; check that Redis runs there and the password", e);
        }
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> opened, T c) {
        opened.add(c);
        return c;
    }

    /**
     * The config with its node id filled in when a cluster backend is set: the configured one, else host name and
     * port (a random suffix when the port is chosen at start). Named once, so every part agrees.
     */
    static ServerConfig named(ServerConfig config) {
        Backends b = config.backends();
        if (b.embedded() || b.nodeId().isPresent()) {
            return config;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        String port = config.port() == 0 ? UUID.randomUUID().toString().substring(0, 8) : String.valueOf(config.port());
        Backends withId = b.withNodeId(host + "-" + port);
        return config.with(x -> x.backends(withId));
    }

    /** This node's name in the cluster; empty when embedded. */
    java.util.Optional<String> node() {
        return cluster.map(RedisPresence::node);
    }

    @Override
    public void close() {
        // The bus first (no more frames in), then presence gives up this node's claims.
        closeAll(closeables.reversed());
    }

    private static void closeAll(List<AutoCloseable> list) {
        for (AutoCloseable c : list) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "closing " + c.getClass().getSimpleName() + " failed", e);
            }
        }
    }
}
