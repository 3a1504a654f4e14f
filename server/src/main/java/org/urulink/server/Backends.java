package org.urulink.server;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the shared backends are. Each one left empty is replaced by its embedded counterpart: SQLite for
 * {@code database}, in-process presence for {@code redis}, in-process delivery for {@code amqp}, the data
 * directory for {@code s3}. {@code toString} never shows a password or secret key.
 *
 * @param database PostgreSQL (accounts, conversations, history)
 * @param redis    Redis URI (presence, sessions, throttles, revocations), e.g. {@code redis://host:6379}
 * @param amqp     RabbitMQ URI (delivery between nodes), e.g. {@code amqp://user:pass@host:5672/vhost}
 * @param s3       MinIO or another S3-compatible store (files)
 * @param nodeId   this node's name among the others; empty means host name and port
 * @param redisKeyPrefix the start of every Redis key, so several installations can share one Redis
 */
public record Backends(Optional<Database> database,
                       Optional<URI> redis,
                       Optional<URI> amqp,
                       Optional<S3> s3,
                       Optional<String> nodeId,
                       String redisKeyPrefix) {

    public static final String DEFAULT_REDIS_KEY_PREFIX = "urulink:";

    /** Nothing shared: the embedded default. */
    public static final Backends EMBEDDED = new Backends(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), DEFAULT_REDIS_KEY_PREFIX);

    public Backends {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(amqp, "amqp");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(redisKeyPrefix, "redisKeyPrefix");
    }

    /** True when no shared backend is configured. */
    public boolean embedded() {
        return database.isEmpty() && redis.isEmpty() && amqp.isEmpty() && s3.isEmpty();
    }

    public Backends withDatabase(Database d) {
        return new Backends(Optional.of(d), redis, amqp, s3, nodeId, redisKeyPrefix);
    }

    public Backends withRedis(URI uri) {
        return new Backends(database, Optional.of(uri), amqp, s3, nodeId, redisKeyPrefix);
    }

    public Backends withAmqp(URI uri) {
        return new Backends(database, redis, Optional.of(uri), s3, nodeId, redisKeyPrefix);
    }

    public Backends withS3(S3 store) {
        return new Backends(database, redis, amqp, Optional.of(store), nodeId, redisKeyPrefix);
    }

    public Backends withNodeId(String id) {
        return new Backends(database, redis, amqp, s3, Optional.of(id), redisKeyPrefix);
    }

    public Backends withRedisKeyPrefix(String prefix) {
        return new Backends(database, redis, amqp, s3, nodeId, prefix);
    }

    /** One line for the start-up banner, e.g. "history SQLite, presence in-process, …". */
    public String describe() {
        return "history " + database.map(d -> "PostgreSQL " + d).orElse("SQLite")
                + ", presence " + redis.map(u -> "Redis " + redact(u)).orElse("in-process")
                + ", delivery " + amqp.map(u -> "RabbitMQ " + redact(u)).orElse("in-process")
                + ", files " + s3.map(x -> "S3 " + x.endpoint() + "/" + x.bucket()).orElse("in the data dir");
    }

    @Override
    public String toString() {
        return "Backends[database=" + database.map(Database::toString).orElse("sqlite")
                + ", redis=" + redis.map(Backends::redact).orElse("in-process")
                + ", amqp=" + amqp.map(Backends::redact).orElse("in-process")
                + ", s3=" + s3.map(S3::toString).orElse("data-dir")
                + ", nodeId=" + nodeId.orElse("(host:port)") + ", redisKeyPrefix=" + redisKeyPrefix + "]";
    }

    /** The URI without its user information, which may hold a password. */
    static String redact(URI uri) {
        return redact(uri.toString());
    }

    /** A URL or setting as it may be shown: no user information, no {@code password=} parameter. */
    static String redact(String text) {
        return text.replaceAll("//[^/@]*@", "//***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /**
     * A PostgreSQL database.
     *
     * @param jdbcUrl  e.g. {@code jdbc:postgresql://db:5432/urulink}
     * @param user     empty to take it from the URL or the driver's default
     * @param password empty when the server trusts the connection
     */
    public record Database(String jdbcUrl, String user, String password) {
        public Database {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            // A JDBC URL may carry password=... among its parameters.
            return redact(jdbcUrl)
                    + (user.isEmpty() ? "" : " as " + user);
        }
    }

    /**
     * An S3-compatible object store, addressed path-style.
     *
     * @param endpoint       where the server reaches it, e.g. {@code http://minio:9000}
     * @param publicEndpoint where clients reach it, for presigned URLs; usually the same
     * @param accessKey      access key id
     * @param secretKey      secret key
     * @param bucket         bucket for file bytes, created when missing
     * @param region         signing region
     */
    public record S3(URI endpoint, URI publicEndpoint, String accessKey, String secretKey, String bucket,
                     String region) {
        public S3 {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(publicEndpoint, "publicEndpoint");
            Objects.requireNonNull(accessKey, "accessKey");
            Objects.requireNonNull(secretKey, "secretKey");
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(region, "region");
        }

        @Override
        public String toString() {
            return endpoint + "/" + bucket + " (region " + region + ", key " + accessKey + ")";
        }
    }
}
