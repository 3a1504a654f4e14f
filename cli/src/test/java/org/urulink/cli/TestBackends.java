package org.urulink.cli;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The machine's PostgreSQL, Redis and RabbitMQ on 127.0.0.1 (started by test.sh), each test class with its own
 * database and vhost that go away afterwards, and an S3 store (S3Proxy, in memory) in this JVM.
 */
final class TestBackends implements AutoCloseable {
    static final String REDIS = System.getenv().getOrDefault("URULINK_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    final String database = "urulink_setup_" + RUN;
    final String vhost = "urulink-setup-" + RUN;
    final String s3AccessKey = "setup-" + RUN;
    final String s3SecretKey = UUID.randomUUID().toString();
    private final BlobStoreContext memory;
    private final S3Proxy s3;

    TestBackends() {
        sql("CREATE DATABASE " + database);
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
        memory = ContextBuilder.newBuilder("transient").credentials(s3AccessKey, s3SecretKey)
                .build(BlobStoreContext.class);
        s3 = S3Proxy.builder().blobStore(memory.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, s3AccessKey, s3SecretKey).build();
        try {
            s3.start();
            while (!"STARTED".equals(s3.getState())) {
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    String jdbcUrl() {
        return POSTGRES + database;
    }

    String amqpUrl() {
        return "amqp://guest:guest@127.0.0.1:5672/" + vhost;
    }

    String s3Endpoint() {
        return "http://127.0.0.1:" + s3.getPort();
    }

    /** A bucket name no test has used. */
    static String freshBucket() {
        return "urulink-setup-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /**
     * Whether the machine's PostgreSQL runs autovacuum ({@code SHOW autovacuum}). It cannot be turned off for one
     * database, and turning it off for the whole server would touch others' databases: tests take it as it is.
     */
    static boolean autovacuumOn() {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        try (Connection c = DriverManager.getConnection(POSTGRES + "postgres", p); Statement s = c.createStatement();
             var rs = s.executeQuery("SHOW autovacuum")) {
            return rs.next() && "on".equals(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("SHOW autovacuum failed (is PostgreSQL running? ./test.sh starts it)", e);
        }
    }

    /** Runs one statement as postgres on the postgres database. */
    static void sql(String statement) {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        try (Connection c = DriverManager.getConnection(POSTGRES + "postgres", p); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + " failed (is PostgreSQL running? ./test.sh starts it)", e);
        }
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
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + out);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot run rabbitmqctl (./test.sh installs RabbitMQ)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        rabbitmqctl("delete_vhost", vhost);
        sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        try {
            s3.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            memory.close();
        }
    }
}
