package org.urulink.server;

import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/** The embedded database: one SQLite file in the data directory, migrated by Flyway on open. */
final class SqliteDatabase {
    static final String FILE_NAME = "urulink.db";
    /** How long a writer waits for SQLite's write lock before its statement fails. */
    static final int BUSY_TIMEOUT_MS = 10_000;

    private SqliteDatabase() {
    }

    /** The database file in {@code dataDir}. */
    static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** SQLite's write-ahead log beside the database {@code file}. */
    static Path log(Path file) {
        return file.resolveSibling(file.getFileName() + "-wal");
    }

    /**
     * Opens (creating when missing) and migrates the database in {@code dataDir}. A data directory or database it
     * makes only their owner may read (0700, 0600): they hold every message and the password hashes.
     */
    static HikariDataSource open(Path dataDir) {
        Path file = file(dataDir);
        try {
            PrivateFiles.createDirectory(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        boolean made;
        try {
            // Made before SQLite opens it: an empty file is an empty database, and SQLite gives the -wal and -shm
            // files it makes the database file's mode.
            made = PrivateFiles.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database " + file, e);
        }
        smallPages(file);
        HikariDataSource ds = new HikariDataSource(hikari(file));
        try {
            Migrations.migrate(ds, "sqlite");
            if (made) {
                restrictLogs(file);
            }
            WalCheckpointer.start(ds, file);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return ds;
    }

    /**
     * Gives a database not yet written 1 KiB pages instead of 4 (the size is fixed once the file has a header, so
     * before the pool's connections switch it to WAL). Each message dirties a leaf page of two indexes in places of
     * their own (its conversation's, its sender's), and a commit writes each dirty page whole to the log: smaller
     * pages mean a quarter of the log to write, sync and copy back, and a quarter as many checkpoint restarts, whose
     * pauses were the latency tail. Measured on one history converted both ways, at 5,000 messages/s: p99 7.5 - 7.9
     * ms and p99.9 16 - 18 ms, against 11 - 20 and 39 - 54 ms with 4 KiB pages (512 B pages: 9.3 - 10.0 and 18). An
     * existing database keeps its page size; docs/architecture.md says how to convert one.
     */
    private static void smallPages(Path file) {
        try {
            if (Files.size(file) > 0) {
                return;
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
                st.execute("PRAGMA page_size = " + PAGE_BYTES);
                st.execute("PRAGMA journal_mode = WAL");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the database " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the database " + file + ": " + e.getMessage(), e);
        }
    }

    /** The -wal and -shm files, open by now, made 0600 whatever SQLite did: they hold the latest messages. */
    private static void restrictLogs(Path file) {
        try {
            PrivateFiles.restrictFile(log(file));
            PrivateFiles.restrictFile(file.resolveSibling(FILE_NAME + "-shm"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the database logs beside " + file + " private", e);
        }
    }

    /** The page size of a new database. */
    static final int PAGE_BYTES = 1024;
    /** Page cache per connection, in KiB. */
    private static final int CACHE_KIB = 8 << 10;

    private static HikariConfig hikari(Path file) {
        SQLiteConfig sqlite = new SQLiteConfig();
        // WAL lets readers run beside the writer; FULL makes every commit durable. The message writer's connection
        // alone commits without syncing and syncs the log itself, beside its next commit (WalSync).
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // Replaced by SqliteBusyWait on each connection; kept should anything reinstall SQLite's own wait (the
        // driver does when a statement is given a query timeout), so the budget stays 10 s, not its default 3.
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
        // After a checkpoint starts the log afresh, a file larger than this is cut back to it (else it keeps its size).
        sqlite.setJournalSizeLimit(WalCheckpointer.LOG_LIMIT_BYTES);
        sqlite.enforceForeignKeys(true);
        // SQLite's default 2 MB page cache did not hold the pages the inserts touch (the leaves of three indexes
        // where 100 busy conversations and senders write): the writer read ~5 pages back from the files per
        // message. With 8 MiB it re-reads a tenth as many (measured at 2,500 messages/s: 49,700 → 5,400 reads in
        // 4 s). A connection's cache only grows as it reads, so idle readers stay small.
        sqlite.setCacheSize(-CACHE_KIB);
        // Writers take the lock at BEGIN, so a transaction never fails half-way upgrading a read lock.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        HikariConfig config = new HikariConfig();
        config.setDataSource(new WaitingDataSource(sqlite, "jdbc:sqlite:" + file));
        config.setMaximumPoolSize(6);
        // Connections open as they are needed: six at start-up would only slow the start.
        config.setMinimumIdle(1);
        config.setPoolName("urulink-sqlite");
        config.setConnectionInitSql(WalCheckpointer.NO_AUTO_CHECKPOINT);
        return config;
    }

    /** Opens SQLite connections that wait for locks in short steps ({@link SqliteBusyWait}). */
    private static final class WaitingDataSource extends SQLiteDataSource {
        WaitingDataSource(SQLiteConfig config, String url) {
            super(config);
            setUrl(url);
        }

        @Override
        public SQLiteConnection getConnection(String username, String password) throws SQLException {
            SQLiteConnection c = super.getConnection(username, password);
            try {
                SqliteBusyWait.install(c, Duration.ofMillis(BUSY_TIMEOUT_MS));
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            return c;
        }
    }
}
