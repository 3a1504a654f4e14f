package org.urulink.server;

import java.sql.SQLException;

/** The store failed (disk, connection); nothing was half done. Mapped to 503 {@code unavailable}. */
final class StoreException extends RuntimeException {
    StoreException(SQLException cause) {
        super("store failed: " + cause.getMessage(), cause);
    }

    /** True when the database refused a duplicate key. SQLite and PostgreSQL report it differently. */
    boolean isUniqueViolation() {
        SQLException e = (SQLException) getCause();
        return "23505".equals(e.getSQLState())
                || e.getErrorCode() == 19 && String.valueOf(e.getMessage()).contains("UNIQUE");
    }
}
