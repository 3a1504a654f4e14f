package org.urulink.server;

import java.sql.SQLException;

/** The store failed (disk, connection); nothing was half done. Mapped to 503 {@code unavailable}. */
final class StoreException extends RuntimeException {
    /** SQLite's SQLITE_CONSTRAINT result code; its extended codes tell UNIQUE from the other constraints. */
    private static final int SQLITE_CONSTRAINT = 19;

    StoreException(SQLException cause) {
        super("store failed: " + cause.getMessage(), cause);
    }

    /** True when the database refused a duplicate key. */
    boolean isUniqueViolation() {
        return isUniqueViolation((SQLException) getCause());
    }

    /** PostgreSQL reports SQLState 23505; SQLite reports SQLITE_CONSTRAINT with "UNIQUE" in its message. */
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState())
                || e.getErrorCode() == SQLITE_CONSTRAINT && String.valueOf(e.getMessage()).contains("UNIQUE");
    }
}
