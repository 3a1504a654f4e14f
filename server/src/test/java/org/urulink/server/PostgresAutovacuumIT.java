package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node starting on PostgreSQL without autovacuum says so once, with the fix: an operator who never runs
 * {@code urulink doctor} still reads why throughput will fall as history grows. Autovacuum cannot be turned off for
 * one database, so the test takes the machine's server as it is (the build machine's has it off).
 */
class PostgresAutovacuumIT {
    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @TempDir
    Path dir;

    @Test
    void aNodeStartingOnPostgresWithoutAutovacuumWarnsOnceWithTheFix() throws SQLException {
        boolean off;
        try (HikariDataSource ds = DB.open(); Connection c = ds.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SHOW autovacuum")) {
            assertTrue(rs.next());
            off = rs.getString(1).equals("off");
        }
        try (LogCapture logs = LogCapture.everything(); TestServer server = new TestServer(dir, DB::use)) {
            List<String> warned = autovacuumWarnings(logs);
            if (!off) {
                assertEquals(List.of(), warned, "autovacuum is on here: nothing to warn about");
                return;
            }
            assertEquals(1, warned.size(), warned.toString());
            assertTrue(warned.get(0).contains("PostgreSQL autovacuum is off: without it statistics go stale and "
                    + "message throughput falls as history grows; turn it on (autovacuum = on in postgresql.conf, "
                    + "then reload PostgreSQL) or run ANALYZE regularly"), warned.get(0));
            assertEquals(200, server.get("/health", null).status(), "a warning, not a failed start");
        }
    }

    @Test
    void anEmbeddedNodeSaysNothingAboutAutovacuum() {
        try (LogCapture logs = LogCapture.everything(); TestServer server = new TestServer(dir)) {
            assertEquals(List.of(), autovacuumWarnings(logs));
        }
    }

    private static List<String> autovacuumWarnings(LogCapture logs) {
        return logs.entries().stream().filter(e -> e.level() == Level.WARNING && e.text().contains("autovacuum"))
                .map(LogCapture.Entry::text).toList();
    }
}
