package org.urulink.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConnection;

/**
 * How a SQLite connection waits for a lock another holds: in short steps, doubling from 0.1 ms to at most 1 ms,
 * until {@code budget} has passed. SQLite's own wait (what {@code busy_timeout} installs) sleeps 1, 2, 5, 10, 15,
 * 20 ms… between tries, so a message writer that found the log being restarted for 4 ms woke after 8, and one
 * that met a 12 ms restart after 18: the lock was free most of that time while messages waited.
 */
final class SqliteBusyWait extends BusyHandler {
    private static final long FIRST_STEP_NANOS = 100_000;
    private static final long LONGEST_STEP_NANOS = 1_000_000;

    private final long budgetNanos;
    /** When the current wait began; a connection is used by one thread at a time. */
    private long started;

    private SqliteBusyWait(Duration budget) {
        this.budgetNanos = budget.toNanos();
    }

    /** Makes {@code connection} (a SQLite one, or a pool's wrapper of one) wait this way, at most {@code budget}. */
    static void install(Connection connection, Duration budget) throws SQLException {
        BusyHandler.setHandler(connection.unwrap(SQLiteConnection.class), new SqliteBusyWait(budget));
    }

    @Override
    protected int callback(int tries) {
        long now = System.nanoTime();
        if (tries == 0) {
            started = now;
        }
        // An interrupted thread (a server stopping) would not sleep at all, only spin: it gives up instead.
        if (now - started >= budgetNanos || Thread.currentThread().isInterrupted()) {
            return 0;
        }
        LockSupport.parkNanos(Math.min(LONGEST_STEP_NANOS, FIRST_STEP_NANOS << Math.min(tries, 10)));
        return 1;
    }
}
