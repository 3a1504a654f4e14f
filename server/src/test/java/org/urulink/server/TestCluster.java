package org.urulink.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;

import io.lettuce.core.RedisClient;

/**
 * Two real nodes sharing one user base through the machine's Redis and RabbitMQ on 127.0.0.1 (started by
 * test.sh) and one database. Redis database 9 is the tests' own and is emptied before each cluster starts.
 */
final class TestCluster implements AutoCloseable {
    static final URI REDIS = URI.create(System.getenv().getOrDefault("URULINK_TEST_REDIS_URL", "redis://127.0.0.1:6379/9"));
    static final URI AMQP = URI.create(System.getenv().getOrDefault("URULINK_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672"));

    final TestServer a;
    final TestServer b;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    /** Two nodes over one data directory: one SQLite file and one signing key. */
    TestCluster(Path dataDir) {
        flushRedis();
        Backends shared = Backends.EMBEDDED.withRedis(REDIS).withAmqp(AMQP);
        this.a = node(dataDir, shared, "a");
        this.b = node(dataDir, shared, "b");
    }

    TestServer node(Path dataDir, Backends shared, String name) {
        return new TestServer(dataDir, c -> c.with(x -> x.backends(shared.withNodeId("it-" + name + "-" + run))));
    }

    String nodeId(String name) {
        return "it-" + name + "-" + run;
    }

    static void flushRedis() {
        RedisClient client = RedisClients.open(REDIS);
        try (var c = client.connect()) {
            c.sync().flushdb();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Redis at " + REDIS + " does not answer; run ./test.sh, which starts it", e);
        } finally {
            client.shutdown();
        }
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
