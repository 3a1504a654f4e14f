package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.server.BackendChecks;
import org.urulink.server.ConfigLoader;
import org.urulink.server.ServerConfig;

/** {@code urulink setup} for a cluster node against the machine's PostgreSQL, Redis and RabbitMQ, and S3Proxy. */
class SetupIT {
    private static TestBackends backends;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        backends = new TestBackends();
    }

    @AfterAll
    static void stop() {
        backends.close();
    }

    private SetupRun operator() {
        return new SetupRun(home, Map.of("URULINK_S3_SECRET_KEY", backends.s3SecretKey));
    }

    /** A complete cluster setup; {@code replacing} pairs swap in other values, e.g. "--redis-url", "redis://…". */
    static List<String> cluster(TestBackends backends, String bucket, String... replacing) {
        List<String> args = new ArrayList<>(List.of("setup", "--non-interactive",
                "--port", String.valueOf(SetupRun.closedPort()),
                "--jdbc-url", backends.jdbcUrl(), "--jdbc-user", "postgres",
                "--redis-url", TestBackends.REDIS, "--amqp-url", backends.amqpUrl(),
                "--s3-endpoint", backends.s3Endpoint(), "--s3-access-key", backends.s3AccessKey,
                "--s3-bucket", bucket));
        for (int i = 0; i < replacing.length; i += 2) {
            args.set(args.indexOf(replacing[i]) + 1, replacing[i + 1]);
        }
        return args;
    }

    private SetupRun.Result setup(SetupRun op, String bucket, String... replacing) {
        return op.run(cluster(backends, bucket, replacing).toArray(String[]::new));
    }

    @Test
    void clusterSetupChecksEveryBackendPreparesThemAndWritesTheConfig() throws Exception {
        SetupRun op = operator();
        String bucket = TestBackends.freshBucket();
        SetupRun.Result r = setup(op, bucket);
        assertEquals(0, r.code(), r.toString());
        for (String line : new String[] {"✓ PostgreSQL", "✓ Redis", "✓ RabbitMQ ", "✓ S3 ",
            "✓ RabbitMQ exchange", "✓ S3 bucket", "✓ signing key", "✓ config"}) {
            assertTrue(r.out().contains(line), line + " in:\n" + r.out());
        }
        assertFalse(r.out().contains("✗"), r.out());
        assertFalse((r.out() + r.err()).contains(backends.s3SecretKey), "secret printed:\n" + r);
        assertTrue(r.out().contains("every other node") && r.out().contains("same key"), r.out());

        // The exchange is there (a passive declare fails when it is not) and the bucket too.
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(backends.amqpUrl());
        try (com.rabbitmq.client.Connection c = f.newConnection(); Channel ch = c.createChannel()) {
            ch.exchangeDeclarePassive(BackendChecks.EXCHANGE);
        }
        MinioClient s3 = MinioClient.builder().endpoint(backends.s3Endpoint()).region("us-east-1")
                .credentials(backends.s3AccessKey, backends.s3SecretKey).build();
        assertTrue(s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
        s3.close();

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(op.configFile())));
        ServerConfig loaded = ConfigLoader.load(Optional.of(op.configFile()), op.env(), Map.of());
        assertEquals("cluster", loaded.mode());
        assertEquals(backends.jdbcUrl(), loaded.backends().database().orElseThrow().jdbcUrl());
        assertEquals(bucket, loaded.backends().s3().orElseThrow().bucket());
        assertEquals(backends.s3SecretKey, loaded.backends().s3().orElseThrow().secretKey());
        assertTrue(Files.exists(loaded.signingKeyFile()));
    }

    /** Autovacuum off (as on the build machine) warns with its fix, and setup still prepares and writes the config. */
    @Test
    void autovacuumOffWarnsButSetupGoesOn() {
        SetupRun op = operator();
        SetupRun.Result r = setup(op, TestBackends.freshBucket());
        assertEquals(0, r.code(), r.toString());
        assertFalse(r.out().contains("✗"), r.out());
        assertTrue(Files.exists(op.configFile()), "config written despite the warning");
        if (TestBackends.autovacuumOn()) {
            assertTrue(r.out().contains("✓ PostgreSQL autovacuum is on"), r.out());
            return;
        }
        assertTrue(r.out().contains("! PostgreSQL autovacuum is off: without it statistics go stale"), r.out());
        assertTrue(r.out().contains("fix: turn it on (autovacuum = on in postgresql.conf"), r.out());
        assertTrue(r.out().contains("✓ PostgreSQL schema") && r.out().contains("✓ config"), r.out());
    }

    @Test
    void redisOnAClosedPortIsReportedUnreachable() {
        SetupRun op = operator();
        int closed = SetupRun.closedPort();
        SetupRun.Result r = setup(op, TestBackends.freshBucket(), "--redis-url", "redis://127.0.0.1:" + closed);
        assertFailedWithoutConfig(op, r, "✗ Redis", "cannot reach 127.0.0.1:" + closed + " (connection refused)");
        assertTrue(r.out().contains("✓ PostgreSQL"), "the others are still checked:\n" + r.out());
    }

    @Test
    void rabbitMqWithAWrongPasswordIsReportedAsAuthenticationFailed() {
        SetupRun op = operator();
        SetupRun.Result r = setup(op, TestBackends.freshBucket(), "--amqp-url",
                backends.amqpUrl().replace("guest:guest@", "guest:not-the-Password@"));
        assertFailedWithoutConfig(op, r, "✗ RabbitMQ", "authentication failed");
        assertFalse(r.out().contains("not-the-Password"), r.out());
    }

    @Test
    void anUnknownRabbitMqVhostIsReportedMissing() {
        SetupRun op = operator();
        SetupRun.Result r = setup(op, TestBackends.freshBucket(), "--amqp-url",
                backends.amqpUrl() + "-nope");
        assertFailedWithoutConfig(op, r, "✗ RabbitMQ", "vhost " + backends.vhost + "-nope does not exist");
        assertTrue(r.out().contains("rabbitmqctl add_vhost " + backends.vhost + "-nope"), r.out());
    }

    @Test
    void anUnknownPostgresDatabaseIsReportedMissing() {
        SetupRun op = operator();
        SetupRun.Result r = setup(op, TestBackends.freshBucket(), "--jdbc-url", backends.jdbcUrl() + "_nope");
        assertFailedWithoutConfig(op, r, "✗ PostgreSQL", "database \"" + backends.database + "_nope\" does not exist");
        assertTrue(r.out().contains("createdb"), r.out());
    }

    @Test
    void aWrongS3SecretIsReportedAsAuthenticationFailed() {
        SetupRun op = new SetupRun(home, Map.of("URULINK_S3_SECRET_KEY", "not-the-secret-key"));
        String bucket = TestBackends.freshBucket();
        SetupRun.Result r = setup(op, bucket);
        assertFailedWithoutConfig(op, r, "✗ S3", "authentication failed");
        assertFalse(r.out().contains("not-the-secret-key"), r.out());
    }

    @Test
    void clusterSetupMigratesTheDatabase() throws Exception {
        SetupRun op = operator();
        List<String> args = cluster(backends, TestBackends.freshBucket());
        SetupRun.Result r = op.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("✓ PostgreSQL schema"), r.out());
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        try (Connection c = DriverManager.getConnection(backends.jdbcUrl(), p);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM flyway_schema_history")) {
            assertTrue(rs.next() && rs.getInt(1) > 0);
        }
    }

    static void assertFailedWithoutConfig(SetupRun op, SetupRun.Result r, String line, String detail) {
        assertEquals(ExitCodes.CHECK_FAILED, r.code(), r.toString());
        String failing = r.out().lines().filter(l -> l.startsWith(line)).findFirst().orElse("");
        assertTrue(failing.contains(detail), "\"" + line + " … " + detail + "\" in:\n" + r.out());
        assertTrue(r.out().contains("fix: "), r.out());
        assertFalse(Files.exists(op.configFile()), "no config after a ✗");
        assertFalse(r.out().contains("✓ RabbitMQ exchange") || r.out().contains("✓ S3 bucket"),
                "nothing prepared after a ✗:\n" + r.out());
    }
}
