package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two connections to one real SQLite file: one holds the write lock, the other waits its budget for it. */
class SqliteBusyWaitTest {
    @TempDir
    Path dir;

    @Test
    void aWriterGetsTheLockOnceTheHolderCommits() throws Exception {
        try (Connection holder = open(); Connection waiter = open()) {
            SqliteBusyWait.install(waiter, Duration.ofSeconds(10));
            holder.createStatement().execute("BEGIN IMMEDIATE");
            holder.createStatement().execute("INSERT INTO t VALUES (1)");
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> insert(waiter, 2));
            Thread.sleep(200);
            assertTrue(!writing.isDone(), "it waits while the lock is held");
            holder.createStatement().execute("COMMIT");
            writing.get(10, TimeUnit.SECONDS);
            assertEquals(2, count(holder));
        }
    }

    @Test
    void aWriterGivesUpAfterItsBudget() throws Exception {
        try (Connection holder = open(); Connection waiter = open()) {
            SqliteBusyWait.install(waiter, Duration.ofMillis(100));
            holder.createStatement().execute("BEGIN IMMEDIATE");
            try {
                long start = System.nanoTime();
                var e = assertThrows(SQLException.class, () -> waiter.createStatement().execute("BEGIN IMMEDIATE"));
                long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(e.getMessage().contains("SQLITE_BUSY"), e.getMessage());
                assertTrue(waitedMs < 2_000, "gave up after its budget, not the driver's 3 s default: " + waitedMs + " ms");
            } finally {
                holder.createStatement().execute("ROLLBACK");
            }
            insert(waiter, 3);
            assertEquals(1, count(holder), "the lock free, the same connection writes");
        }
    }

    @Test
    void theServersConnectionsWaitLongerThanTheDriversDefault() throws Exception {
        try (var pool = SqliteDatabase.open(dir.resolve("data"));
             Connection holder = pool.getConnection(); Connection waiter = pool.getConnection()) {
            holder.createStatement().execute("CREATE TABLE t (v INTEGER)");
            holder.createStatement().execute("BEGIN IMMEDIATE");
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> insert(waiter, 1));
            // Past the driver's own 3 s: a store busy for that long (a large checkpoint, a slow disk) must not
            // fail a message.
            Thread.sleep(3_500);
            holder.createStatement().execute("COMMIT");
            writing.get(10, TimeUnit.SECONDS);
            assertEquals(1, count(holder));
        }
    }

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("busy.db"));
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("CREATE TABLE IF NOT EXISTS t (v INTEGER)");
        }
        return c;
    }

    private static void insert(Connection c, int v) {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO t VALUES (" + v + ")");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection c) throws SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
