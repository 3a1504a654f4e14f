package org.urulink.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

/** The embedded database: one SQLite file in the data directory, migrated by Flyway on open. */
final class SqliteDatabase {
    static final String FILE_NAME = "urulink.db";
    /** The newest migration in {@code db/migration/sqlite}; {@code SchemaVersionTest} keeps the two in step. */
    static final int SCHEMA_VERSION = 4;

    private SqliteDatabase() {
    }

    /** Opens (creating when missing) and migrates the database in {@code dataDir}. */
    static HikariDataSource open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        HikariDataSource ds = new HikariDataSource(hikari(dataDir.resolve(FILE_NAME)));
        migrate(ds);
        return ds;
    }

    private static HikariConfig hikari(Path file) {
        SQLiteConfig sqlite = new SQLiteConfig();
        // WAL lets readers run beside the writer; FULL makes every commit durable (group commit pays for it).
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(10_000);
        sqlite.enforceForeignKeys(true);
        // Writers take the lock at BEGIN, so a transaction never fails half-way upgrading a read lock.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.setDataSourceProperties(sqlite.toProperties());
        config.setMaximumPoolSize(6);
        // Connections open as they are needed: six at start-up would only slow the start.
        config.setMinimumIdle(1);
        config.setPoolName("urulink-sqlite");
        return config;
    }

    private static void migrate(DataSource ds) {
        // Starting Flyway costs more than half a second of a server start; when its history already shows the
        // newest version there is nothing for it to do.
        if (installedVersion(ds) == SCHEMA_VERSION) {
            return;
        }
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/sqlite")
                .load()
                .migrate();
    }

    /** The newest version Flyway applied successfully, or -1 on a new database. */
    static int installedVersion(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                    + "AND name = 'flyway_schema_history'")) {
                if (!rs.next()) {
                    return -1;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history "
                    + "WHERE success = 1")) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
