package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New databases get small pages (a quarter of the log per message); existing ones keep theirs and still open. */
class SqlitePageSizeTest {
    @TempDir
    Path dir;

    @Test
    void aNewDatabaseHasOneKibPagesAndKeepsThemInWalMode() throws SQLException {
        try (HikariDataSource ds = SqliteDatabase.open(dir)) {
            assertEquals(1024, pragma(ds, "page_size"));
            assertEquals("wal", text(ds, "journal_mode"));
        }
        try (HikariDataSource again = SqliteDatabase.open(dir)) {
            assertEquals(1024, pragma(again, "page_size"));
        }
    }

    @Test
    void anExistingDatabaseWithFourKibPagesKeepsThemAndIsMigrated() throws SQLException {
        Path file = dir.resolve(SqliteDatabase.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA page_size = 4096");
            st.execute("PRAGMA journal_mode = WAL"); // writes the header: the page size is fixed from here on
        }
        try (HikariDataSource ds = SqliteDatabase.open(dir)) {
            assertEquals(4096, pragma(ds, "page_size"));
            assertEquals(1, pragma(ds, "count(*) FROM sqlite_master WHERE name = 'messages'"));
        }
    }

    private static long pragma(HikariDataSource ds, String what) throws SQLException {
        return Long.parseLong(text(ds, what));
    }

    private static String text(HikariDataSource ds, String what) throws SQLException {
        String sql = what.contains(" ") ? "SELECT " + what : "PRAGMA " + what;
        try (Connection c = ds.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
