package org.urulink.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Copies SQLite's write-ahead log into the database file once a second, on a thread of its own. Left to SQLite,
 * every commit that takes the log past 4 MB does it, on the message writer's thread, with an fsync of the database
 * file; at 5,000 messages/s (about 16 KB of log each: a page for the row and each of three indexes) that was
 * several times a second, and the median delivery took ~4 ms instead of ~1 ms. A passive checkpoint runs beside
 * the writer without blocking it. Ends when the pool is closed.
 */
final class WalCheckpointer {
    private static final System.Logger LOG = System.getLogger(WalCheckpointer.class.getName());
    /**
     * Given to each connection of the pool, so commits leave checkpoints to this thread: only a log of 256 MiB, were
     * this thread ever stuck, would make a commit checkpoint by itself.
     */
    static final String NO_AUTO_CHECKPOINT = "PRAGMA wal_autocheckpoint = 65536";
    private static final long PERIOD_MS = 1_000;
    /**
     * How far the log may grow before a checkpoint makes it start again: 16 MiB of a new database's 1 KiB pages
     * (64 MiB of an older one's 4 KiB pages). Restarting at 16 MiB of 4 KiB pages measured the same p99.
     */
    private static final int RESTART_PAGES = 16_384;
    /**
     * The log file's largest size kept after a restart: twice the restart point, above the ~90 MB it reaches at
     * 1,000 messages/s (checked once a second). At 64 MiB the first commit after every restart cut the file back
     * and later ones grew it again, on the writer's time: measured at 1,000/s, p99.9 33 ms instead of 17.
     */
    static final int LOG_LIMIT_BYTES = 128 << 20;
    /**
     * The writer waits as long as a restart waits for readers: measured at 1,000 messages/s, a restart waiting out
     * 100 ms for a reader held deliveries ~105 ms, while one without a reader took 10 - 20 ms.
     */
    private static final int RESTART_WAIT_MS = 20;

    private WalCheckpointer() {
    }

    static void start(HikariDataSource ds, Path file) {
        Thread.ofPlatform().name("urulink-sqlite-checkpoint").daemon().start(() -> loop(ds, file));
    }

    private static void loop(HikariDataSource ds, Path file) {
        while (!ds.isClosed()) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 FileChannel database = FileChannel.open(file, StandardOpenOption.READ)) {
                int pages = logPages(st, "PASSIVE");
                // A passive checkpoint that did not reach the log's end (messages kept coming) leaves the pages
                // it copied unsynced; the restart below would sync them all while the writer waits for it.
                // Synced here instead, beside the writer: measured at 5,000 messages/s, p99 13 - 16 → 6 - 8 ms.
                database.force(false);
                if (pages >= RESTART_PAGES) {
                    // While messages keep coming a passive checkpoint never quite catches up, and only a log
                    // checkpointed to its end starts again from its beginning: so, now and then, one that waits
                    // for the writer's current commit and copies the little the passive ones left (one more
                    // passive one and a sync first make that little less). It holds the write lock while it
                    // waits for readers, so it waits briefly: a long read (a backup, say) must not stop every
                    // message; the next round tries again.
                    logPages(st, "PASSIVE");
                    database.force(false);
                    SqliteBusyWait.install(c, Duration.ofMillis(RESTART_WAIT_MS));
                    try {
                        logPages(st, "RESTART");
                    } finally {
                        SqliteBusyWait.install(c, Duration.ofMillis(SqliteDatabase.BUSY_TIMEOUT_MS));
                    }
                }
            } catch (SQLException | IOException | RuntimeException e) {
                if (!ds.isClosed()) {
                    // The next round tries again; the log only grows meanwhile.
                    LOG.log(Level.DEBUG, "checkpointing the SQLite log failed", e);
                }
            }
        }
    }

    /** Runs a checkpoint; returns how many pages the log held. */
    private static int logPages(Statement st, String mode) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return rs.next() ? rs.getInt(2) : 0;
        }
    }
}
