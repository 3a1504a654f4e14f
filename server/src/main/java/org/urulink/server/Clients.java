package org.urulink.server;

import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.minio.MinioClient;

/**
 * The clients of the backends a server uses, built once from configuration by {@code main} (or a test) and
 * handed to {@link ChatServer#start(ServerConfig, Clients)}. Closing closes them all.
 *
 * @param database SQLite in the data directory, or PostgreSQL; migrated
 * @param redis    Redis when configured
 * @param amqp     a RabbitMQ connection (recovering by itself) when configured
 * @param s3       the S3 client when configured
 */
public record Clients(HikariDataSource database,
                      Optional<RedisClient> redis,
                      Optional<com.rabbitmq.client.Connection> amqp,
                      Optional<MinioClient> s3) implements AutoCloseable {

    /** Connects to every backend {@code config} names, and opens (creating, migrating) the database. */
    public static Clients open(ServerConfig config) {
        Backends b = config.backends();
        HikariDataSource database = b.database().map(PostgresDatabase::open)
                .orElseGet(() -> SqliteDatabase.open(config.dataDir()));
        try {
            return new Clients(database, b.redis().map(RedisClients::open),
                    b.amqp().map(u -> AmqpConnections.open(u, "urulink " + b.nodeId().orElse("node"))), b.s3().map(S3Clients::open));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    @Override
    public void close() {
        s3.ifPresent(Clients::closeQuietly);
        amqp.ifPresent(Clients::closeQuietly);
        redis.ifPresent(RedisClient::shutdown);
        database.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.getLogger(Clients.class.getName()).log(System.Logger.Level.DEBUG, "closing a client failed", e);
        }
    }
}
