package org.urulink.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.urulink.client.ApiClient;
import org.urulink.client.ChatSocket;
import org.urulink.client.Session;
import org.urulink.client.TokenStore;
import org.urulink.server.Backends;
import org.urulink.server.ChatServer;
import org.urulink.server.ServerConfig;

/**
 * Server nodes in this JVM sharing one user base through the machine's Redis and RabbitMQ (test.sh starts
 * them), with a Redis key prefix and a RabbitMQ vhost of their own, and a fresh PostgreSQL database.
 */
final class ClusterNodes implements AutoCloseable {
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final URI REDIS = URI.create(System.getenv().getOrDefault("URULINK_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
    static final ChatSocket.Options FAST =
            new ChatSocket.Options(Duration.ofMillis(100), Duration.ofSeconds(1), 500, Duration.ofSeconds(5));
    /** Test-cost Argon2id: real hashing, milliseconds per login. */
    static final ServerConfig.PasswordCost CHEAP = new ServerConfig.PasswordCost(1024, 1, 1);

    private final Path dataDir;
    private final TestDatabase database = new TestDatabase();
    private final Backends shared;
    private final List<ChatServer> nodes = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();

    ClusterNodes(Path dataDir) {
        this.dataDir = dataDir;
        String vhost = "urulink-cli-it-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 4);
        this.shared = Backends.EMBEDDED.withDatabase(new Backends.Database(database.jdbcUrl(), TestDatabase.USER, ""))
                .withRedis(REDIS).withAmqp(Rabbit.vhost(vhost))
                .withRedisKeyPrefix("urulink-cli-it-" + vhost + ":");
    }

    /** Starts another node on a free port; every node shares the database and the data directory (one key). */
    ChatServer start() {
        String id = "node" + nodes.size();
        ChatServer node = ChatServer.start(ServerConfig.defaults(dataDir).with(b -> b.port(0).passwordHash(CHEAP)
                .backends(shared.withNodeId(id))));
        nodes.add(node);
        return node;
    }

    /** A user registered through {@code node}, logged in there. */
    Session user(ChatServer node, String name) {
        ApiClient anon = ApiClient.anonymous(node.baseUri());
        anon.register(name, "password-" + name, name);
        return anon.loginSession(name, "password-" + name, TokenStore.inMemory());
    }

    /** A live socket for the session, closed with the cluster. */
    ChatSocket socket(Session session, ChatSocket.Listener listener) {
        ChatSocket s = new ChatSocket(session, listener, FAST, Map.of()).start();
        clients.add(s);
        return s;
    }

    @Override
    public void close() {
        clients.forEach(c -> {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        });
        nodes.forEach(ChatServer::close);
        database.close();
    }

    /** The machine's RabbitMQ through rabbitmqctl (tests run as its admin, root). */
    static final class Rabbit {
        static URI vhost(String name) {
            ctl("add_vhost", name);
            ctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> ctl("delete_vhost", name)));
            return URI.create("amqp://guest:guest@127.0.0.1:5672/" + name);
        }

        static void stop() {
            ctl("stop_app");
        }

        static void start() {
            ctl("start_app");
            ctl("await_startup");
        }

        static void ctl(String... args) {
            TestBackends.rabbitmqctl(args);
        }
    }

    /** The machine's Redis, restarted empty as its own start command does (it keeps nothing on disk). */
    static final class RedisServer {
        static void restart() {
            Shell.run(List.of("redis-cli", "-p", "6379", "shutdown", "nosave"));
            Shell.run(List.of("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
                    "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile",
                    "/var/log/redis/ci.log"));
        }
    }

    static final class Shell {
        static void run(List<String> command) {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot run " + command.getFirst() + " (./test.sh installs it)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
