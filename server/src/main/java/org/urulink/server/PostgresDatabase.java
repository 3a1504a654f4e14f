package org.urulink.server;

import java.net.UnknownHostException;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

/** The shared database: PostgreSQL, pooled by HikariCP and migrated by Flyway on open. */
final class PostgresDatabase {
    /**
     * Connections per node: the message writer holds one, request threads take turns on the rest. Ten nodes
     * stay well under PostgreSQL's default of 100 connections.
     */
    static final int POOL_SIZE = 8;

    private PostgresDatabase() {
    }

    /**
     * Connects to and migrates {@code database}.
     *
     * @throws ConfigException naming jdbc-url (never the password) when it cannot be reached or refuses the login
     */
    static HikariDataSource open(Backends.Database database) {
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hikari(database));
        } catch (HikariPool.PoolInitializationException e) {
            throw new ConfigException("cannot connect to PostgreSQL at jdbc-url " + database + ": "
                    + reason(e, database) + "; check jdbc-url, jdbc-user and jdbc-password, and that it is running");
        }
        try {
            Migrations.migrate(ds, "postgresql");
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return ds;
    }

    private static HikariConfig hikari(Backends.Database database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        if (!database.user().isEmpty()) {
            config.setUsername(database.user());
        }
        if (!database.password().isEmpty()) {
            config.setPassword(database.password());
        }
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(2);
        config.setPoolName("urulink-postgres");
        // Seconds, not Hikari's 30: an unreachable database should stop a start quickly and say why.
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("connectTimeout", "10");
        config.addDataSourceProperty("ApplicationName", "urulink");
        return config;
    }

    /** The driver's own words (refused, no such role or database, unknown host), with any password masked. */
    private static String reason(HikariPool.PoolInitializationException e, Backends.Database database) {
        Throwable cause = e.getCause() instanceof SQLException s ? s : e;
        String text = String.valueOf(cause.getMessage()).replaceAll("\\.$", "");
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                // The driver says only "the connection attempt failed".
                text = "unknown host " + t.getMessage();
            }
        }
        return database.password().isEmpty() ? text : text.replace(database.password(), "***");
    }
}
