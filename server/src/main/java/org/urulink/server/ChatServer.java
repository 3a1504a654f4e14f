package org.urulink.server;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import org.urulink.protocol.CloseCodes;
import org.urulink.protocol.ErrorCode;

/** A running urulink server. Build one with {@link #start(ServerConfig)}; close it to stop. */
public final class ChatServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChatServer.class.getName());
    /** How long shutdown waits for close frames to reach the clients before the sockets go. */
    private static final java.time.Duration CLOSE_FRAMES_WAIT = java.time.Duration.ofSeconds(2);

    private final WebServer web;
    private final Services services;

    private ChatServer(WebServer web, Services services) {
        this.web = web;
        this.services = services;
    }

    /** Starts a server on the backends {@code config} names, connecting to them itself; closing closes them. */
    public static ChatServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(ServerConfig)}, telling time by {@code clock}: tests move it to live through days of use. */
    static ChatServer start(ServerConfig config, Clock clock) {
        // Named once: the clients (the broker lists the connection by it) and the server must agree.
        ServerConfig named = Backplane.named(config);
        Clients clients = Clients.open(named);
        try {
            return start(named, clients, clock);
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    /** Starts a server on backend clients built by the caller; closing the server closes them. */
    public static ChatServer start(ServerConfig given, Clients clients) {
        return start(given, clients, Clock.systemUTC());
    }

    private static ChatServer start(ServerConfig given, Clients clients, Clock clock) {
        ServerConfig config = Backplane.named(given);
        if (clients.amqp().isPresent() && clients.redis().isEmpty()) {
            throw new ConfigException("amqp-url needs redis-url: the bus routes by the presence kept in Redis");
        }
        warnIfOpen(config.dataDir());
        warnIfNoAutovacuum(clients.database());
        byte[] key = SigningKey.loadOrCreate(config.signingKeyFile());
        LocalSessions sessions = new LocalSessions();
        Metrics metrics = new Metrics(sessions::count);
        // First of the parts that hold resources: an unreachable S3 store fails the start before the others exist.
        BlobStore blobs = blobs(config, clients, key, clock);
        Backplane backplane = clients.redis()
                .map(r -> Backplane.shared(r, config.backends().redisKeyPrefix(), clients.amqp(),
                        config.backends().nodeId().orElseThrow(), sessions, metrics, clock))
                .orElseGet(() -> Backplane.embedded(sessions, clock));
        // The store tells delivery of each commit; delivery is built after the store, so it is reached late.
        MessagingRef messagingRef = new MessagingRef();
        // Closing the store closes the backplane, then the clients: the last things a stopping server needs.
        Durability durability = config.backends().database().isPresent() ? Durability.ON_COMMIT
                : new WalSync(SqliteDatabase.file(config.dataDir()));
        Store store = new JdbcStore(clients.database(), durability, messagingRef, () -> {
            backplane.close();
            clients.close();
        });
        Services services = services(config, store, blobs, backplane, sessions, metrics, key, clock);
        messagingRef.set(services.messaging());
        backplane.cluster().ifPresent(p -> joinCluster(p, services));
        WireLogs.dropFrameDumps();
        WebServer web = WebServer.builder()
                .host(config.host())
                .port(config.port())
                // Uploads are the largest bodies; JSON bodies keep their own, smaller limit (HttpJson), and each
                // file its own (SharedFiles).
                .maxPayloadSize(Math.max(HttpJson.MAX_BODY, config.maxFileBytes() + SeedUploadRoutes.FORM_OVERHEAD))
                // Chat frames are small: send each at once instead of letting Nagle hold it for the last ACK.
                .connectionOptions(o -> o.tcpNoDelay(true))
                .shutdownHook(false)
                .addProtocol(WireLogs.http1())
                .addProtocol(WsConfig.builder().name("websocket").maxFrameLength(config.maxFrameBytes()).build())
                .routing(r -> routing(r, services))
                .addRouting(WsRouting.builder().endpoint("/ws", () -> new SocketListener(services)))
                .build()
                .start();
        ChatServer server = new ChatServer(web, services);
        if (!web.isRunning() || web.port() < 0) {
            // Helidon logs the cause (port in use) and returns a stopped server rather than throwing.
            server.close();
            throw new IllegalStateException("could not listen on " + config.host() + ":" + config.port()
                    + " (is the port in use?)");
        }
        return server;
    }

    /**
     * A data directory that other users may read is the operator's to close, not ours to change under them (made by
     * an older version, or opened on purpose): said once per start, with the fix.
     */
    private static void warnIfOpen(Path dataDir) {
        PrivateFiles.openToOthers(dataDir).ifPresent(mode -> LOG.log(Level.WARNING, "the data directory " + dataDir
                + " is open to other users of this machine (" + mode + "), who may read the messages, password "
                + "hashes and files kept there; make it private with: chmod 700 " + dataDir));
    }

    /**
     * PostgreSQL without autovacuum never analyzes the tables: the message writer's cached plans keep the choices
     * made while they were small and throughput falls as history grows. Ours to point out, not to change: said once
     * per start, with the fix, as {@code urulink doctor} says it.
     */
    private static void warnIfNoAutovacuum(HikariDataSource database) {
        if (database.getJdbcUrl() == null || !database.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            return;
        }
        try (java.sql.Connection c = database.getConnection()) {
            if (PostgresCheck.autovacuumOff(c)) {
                LOG.log(Level.WARNING, PostgresCheck.AUTOVACUUM + " " + PostgresCheck.AUTOVACUUM_OFF + "; "
                        + PostgresCheck.AUTOVACUUM_FIX);
            }
        } catch (java.sql.SQLException e) {
            LOG.log(Level.DEBUG, "could not read PostgreSQL's autovacuum setting", e);
        }
    }

    private static Services services(ServerConfig config, Store store, BlobStore blobs, Backplane backplane,
                                     LocalSessions sessions, Metrics metrics, byte[] key, Clock clock) {
        Bus bus = backplane.bus();
        Presence presence = backplane.presence();
        Tokens tokens = new Tokens(key, config.accessTokenTtl(), clock);
        Accounts accounts = new Accounts(store, new Passwords(config.passwordHash()), tokens,
                config.refreshTokenTtl(), clock);
        Directory directory = new Directory(store);
        Conversations conversations = new Conversations(store, directory, bus, clock);
        SharedFiles files = new SharedFiles(store, conversations, blobs, config.maxFileBytes(),
                new FileTypes(config.fileTypes()), clock);
        Messaging messaging = new Messaging(store, conversations, bus, presence, metrics, files, config.maxBodyBytes(),
                clock);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("urulink-timer").daemon().factory());
        ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
        long sweepEvery = SharedFiles.SWEEP_EVERY.toMillis();
        timer.scheduleWithFixedDelay(() -> sweep(files), 60_000, sweepEvery, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> forgetVanished(sessions), 1, 1, TimeUnit.SECONDS);
        return new Services(config, store, accounts, directory, conversations, messaging, blobs, files,
                new PresenceEvents(store, presence, bus, clock), sessions, backplane.tickets(), metrics,
                backplane.throttle(), backplane.logins(), backplane, clock, timer, writers);
    }

    /**
     * Clears what an earlier life of this node left in Redis, then renews this node's presence every
     * heartbeat and takes the users of dead nodes offline.
     */
    private static void joinCluster(RedisPresence presence, Services services) {
        presence.startFresh().forEach(services.presence()::wentOffline);
        long every = RedisPresence.HEARTBEAT.toMillis();
        services.timer().scheduleWithFixedDelay(() -> {
            try {
                presence.heartbeat();
                presence.reapDeadNodes().forEach(services.presence()::wentOffline);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "presence heartbeat to Redis failed; trying again", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** S3 when configured (its bucket made when missing), else files in the data directory. */
    private static BlobStore blobs(ServerConfig config, Clients clients, byte[] key, Clock clock) {
        if (clients.s3().isPresent() != config.backends().s3().isPresent()) {
            throw new ConfigException("the S3 client and the s3-* settings must be given together");
        }
        if (clients.s3().isPresent()) {
            Backends.S3 s3 = config.backends().s3().get();
            return new S3BlobStore(clients.s3().get(), S3Clients.signer(s3), s3.bucket(), config.blobUrlTtl(), clock);
        }
        // The blob URLs get their own key, derived from the token key: a URL signature is never a token's.
        return new LocalBlobStore(config.dataDir().resolve("files"), Hmac.derive(key, "urulink-blob-url"),
                config.blobUrlTtl(), clock);
    }

    /** Sessions whose clients vanished go offline; a failure (Redis away, say) is logged and retried next second. */
    private static void forgetVanished(LocalSessions sessions) {
        try {
            sessions.forgetVanished();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "forgetting the sessions of vanished clients failed; trying again", e);
        }
    }

    /** One sweep of abandoned uploads; a failure is logged and the next run tries again. */
    private static void sweep(SharedFiles files) {
        try {
            int removed = files.sweep();
            if (removed > 0) {
                LOG.log(Level.INFO, "removed " + removed + " uploads that were never completed");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sweeping abandoned uploads failed; trying again later", e);
        }
    }

    /** The HTTP routes and error mapping; also used by tests that build their own server. */
    static void routing(HttpRouting.Builder routing, Services services) {
        routing.register(new AccountRoutes(services), new ConversationRoutes(services), new OpsRoutes(services),
                        new FileRoutes(services), new SeedUploadRoutes(services));
        if (services.blobs() instanceof LocalBlobStore local) {
            routing.register(new BlobRoutes(local));
        }
        routing
                .error(ChatException.class, (req, res, e) -> {
                    services.metrics().error(e.code().wire());
                    HttpJson.error(res, e.code(), e.getMessage());
                })
                .error(StoreException.class, (req, res, e) -> {
                    LOG.log(Level.WARNING, "store failed", e);
                    services.metrics().error(ErrorCode.UNAVAILABLE.wire());
                    HttpJson.error(res, ErrorCode.UNAVAILABLE, "the server could not do that now; try again");
                })
                .error(java.util.concurrent.CompletionException.class, (req, res, e) -> {
                    ErrorCode code = e.getCause() instanceof ChatException ce ? ce.code() : ErrorCode.UNAVAILABLE;
                    HttpJson.error(res, code, e.getCause() != null ? e.getCause().getMessage() : "failed");
                });
    }

    /** This node's name among the others in a cluster; empty when it shares no presence. */
    public java.util.Optional<String> nodeId() {
        return services.backplane().node();
    }

    /** The port it listens on (useful when the config asked for port 0). */
    public int port() {
        return web.port();
    }

    /** {@code http://host:port}. */
    public URI baseUri() {
        return URI.create("http://" + services.config().host() + ":" + port());
    }

    /** The version of this build, from the jar's manifest ("dev" when run from classes). */
    public static String version() {
        String v = ChatServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Stops taking connections, tells clients to reconnect (1001), finishes pending writes, closes the store. */
    @Override
    public void close() {
        services.sessions().closeAll(CloseCodes.GOING_AWAY, "server shutting down", CLOSE_FRAMES_WAIT);
        web.stop();
        services.timer().shutdownNow();
        services.writers().close();
        services.blobs().close();
        services.store().close();
    }

    /** Lets the store reach delivery, which is built after it. Set once, before the server starts. */
    private static final class MessagingRef implements AppendListener {
        private volatile AppendListener target = batch -> { };

        void set(AppendListener listener) {
            this.target = listener;
        }

        @Override
        public void committed(java.util.List<Appended> batch) {
            target.committed(batch);
        }
    }
}
