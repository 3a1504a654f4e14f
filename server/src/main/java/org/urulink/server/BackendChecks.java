package org.urulink.server;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The live checks behind {@code urulink setup} and {@code urulink doctor}, one {@link Check} each, worded here so
 * the server and the command line say the same thing. Each check waits at most a few seconds, never throws for
 * what it finds, and never puts a password or secret key into its text. The {@code declare}/{@code create}
 * variants also prepare what they check: the exchange, the bucket, the signing key, the schema.
 */
public final class BackendChecks {
    /** The longest a check waits for a connection or an answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The RabbitMQ exchange every node publishes on: direct, durable. */
    public static final String EXCHANGE = RabbitBus.EXCHANGE;

    private BackendChecks() {
    }

    /** PostgreSQL answers, takes the login and has the database (plain JDBC; nothing is changed). */
    public static Check postgres(Backends.Database database) {
        return PostgresCheck.connect(database);
    }

    /** PostgreSQL runs autovacuum; when it is off this warns (the check still passes). */
    public static Check autovacuum(Backends.Database database) {
        return PostgresCheck.autovacuum(database);
    }

    /** Brings the PostgreSQL schema up to date, as a starting server would. */
    public static Check migrate(Backends.Database database) {
        return PostgresCheck.migrate(database);
    }

    /** Redis answers and takes the login. */
    public static Check redis(URI redisUrl) {
        return RedisCheck.connect(redisUrl);
    }

    /** RabbitMQ answers, takes the login, and the vhost exists and may be used. */
    public static Check amqp(URI amqpUrl) {
        return AmqpCheck.connect(amqpUrl);
    }

    /** Declares {@link #EXCHANGE} when {@code declare}, else only looks that it exists. */
    public static Check exchange(URI amqpUrl, boolean declare) {
        return AmqpCheck.exchange(amqpUrl, declare);
    }

    /** The S3 store answers and takes the keys. */
    public static Check s3(Backends.S3 s3) {
        return S3Check.connect(s3);
    }

    /** The bucket exists (made first when {@code create}) and takes a probe object, which is deleted again. */
    public static Check bucket(Backends.S3 s3, boolean create) {
        return S3Check.writable(s3, create);
    }

    /** The signing key is there and usable, generated first when {@code create}; an existing key is never replaced. */
    public static Check signingKey(Path file, boolean create, boolean shared) {
        return LocalChecks.signingKey(file, create, shared);
    }

    /** The data directory exists and is writable, or can be made (and is made when {@code create}). */
    public static Check dataDir(Path dir, boolean create) {
        return LocalChecks.dataDir(dir, create);
    }

    /** Nothing listens on {@code host:port} yet. */
    public static Check port(String host, int port) {
        return LocalChecks.port(host, port);
    }

    /**
     * What {@code urulink doctor} checks: that the configuration the server would load loads, then the port, data
     * directory and signing key, then each configured backend. Each check goes to {@code each} as soon as it is
     * done; checks that need a failed one are left out.
     *
     * @param file the config file the server would read, if any
     * @param env  the environment the server would see
     */
    public static List<Check> doctor(Optional<Path> file, Map<String, String> env, Consumer<Check> each) {
        List<Check> done = new ArrayList<>();
        Consumer<Check> report = c -> {
            done.add(c);
            each.accept(c);
        };
        ServerConfig config;
        try {
            config = ConfigLoader.load(file, env, Map.of());
        } catch (ConfigException e) {
            report.accept(Check.failed("config", e.getMessage(), "correct the setting named above"
                    + file.map(f -> " in " + f).orElse("")));
            return done;
        }
        report.accept(Check.passed("config", file.map(f -> f + " loads").orElse("no config file; defaults and "
                + "URULINK_* variables load") + " (" + config.mode() + ")"));
        Backends b = config.backends();
        report.accept(port(config.host(), config.port()));
        report.accept(dataDir(config.dataDir(), false));
        if (b.database().isEmpty()) {
            report.accept(LocalChecks.sqlitePages(config.dataDir()));
        }
        report.accept(signingKey(config.signingKeyFile(), false, !b.embedded()));
        b.database().ifPresent(d -> {
            Check reached = postgres(d);
            report.accept(reached);
            if (reached.ok()) {
                report.accept(autovacuum(d));
            }
        });
        b.redis().ifPresent(u -> report.accept(redis(u)));
        b.amqp().ifPresent(u -> {
            Check reached = amqp(u);
            report.accept(reached);
            if (reached.ok()) {
                report.accept(exchange(u, false));
            }
        });
        b.s3().ifPresent(s -> {
            Check reached = s3(s);
            report.accept(reached);
            if (reached.ok()) {
                report.accept(bucket(s, false));
            }
        });
        return done;
    }

    /** A backend URL as a check shows it: the user stays, the password becomes {@code ***}. */
    static String shown(URI uri) {
        String info = uri.getRawUserInfo();
        if (info == null || info.indexOf(':') < 0) {
            return uri.toString();
        }
        return uri.toString().replace(info + "@", info.substring(0, info.indexOf(':')) + ":***@");
    }

    /** {@code text} with each secret, plain or URL-encoded, replaced by {@code ***}. */
    static String mask(String text, String... secrets) {
        String t = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                t = t.replace(secret, "***").replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), "***");
            }
        }
        return t;
    }
}
