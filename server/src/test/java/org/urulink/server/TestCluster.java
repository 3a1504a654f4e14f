package org.urulink.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Two real nodes sharing one user base through the machine's Redis and RabbitMQ on 127.0.0.1 (started by
 * test.sh) and one PostgreSQL database. Each test run has its own Redis key prefix and its own RabbitMQ vhost, so runs
 * never see each other's data.
 */
final class TestCluster implements AutoCloseable {
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final URI REDIS = URI.create(System.getenv().getOrDefault("URULINK_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
    static final URI AMQP = Vhost.create("urulink-it-" + RUN);

    final TestServer a;
    final TestServer b;
    private final Backends shared;

    /** Two nodes on one database, sharing one data directory for the signing key. */
    TestCluster(Path dataDir, Backends.Database database) {
        this.shared = Backends.EMBEDDED.withDatabase(database).withRedis(REDIS).withAmqp(AMQP)
                .withRedisKeyPrefix(freshPrefix());
        this.a = node(dataDir, "a");
        this.b = node(dataDir, "b");
    }

    /** A Redis key prefix no other test has used. */
    static String freshPrefix() {
        return "urulink-it-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 6) + ":";
    }

    TestServer node(Path dataDir, String name) {
        return new TestServer(dataDir, c -> c.with(x -> x.backends(shared.withNodeId(nodeId(name)))));
    }

    String nodeId(String name) {
        return "it-" + name + "-" + RUN;
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }

    /** A RabbitMQ vhost for this run, made with rabbitmqctl and removed when the tests' JVM exits. */
    static final class Vhost {
        static URI create(String name) {
            rabbitmqctl("add_vhost", name);
            rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> rabbitmqctl("delete_vhost", name)));
            String base = System.getenv().getOrDefault("URULINK_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672");
            return URI.create(base + "/" + name);
        }

        static void rabbitmqctl(String... args) {
            String[] command = new String[args.length + 2];
            command[0] = "rabbitmqctl";
            command[1] = "-q";
            System.arraycopy(args, 0, command, 2, args.length);
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + out
                            + " (is RabbitMQ running? ./test.sh starts it)");
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot run rabbitmqctl (./test.sh installs RabbitMQ)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
