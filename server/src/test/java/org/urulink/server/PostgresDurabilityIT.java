package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.sql.DriverManager;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DurabilityIT's tests on servers whose history is in PostgreSQL. */
class PostgresDurabilityIT extends DurabilityIT {
    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @Override
    TestServer newServer(UnaryOperator<ServerConfig> tweak) {
        return super.newServer(c -> DB.use(tweak.apply(c)));
    }

    @Test
    void theHistoryIsInPostgresqlNotInTheDataDirectory() throws Exception {
        server.account("alice");
        assertFalse(Files.exists(dir.resolve(SqliteDatabase.FILE_NAME)), "no SQLite file beside the signing key");
        try (var c = DriverManager.getConnection(DB.database().jdbcUrl(), PostgresTestDatabase.USER,
                PostgresTestDatabase.PASSWORD);
             var rs = c.createStatement().executeQuery("SELECT username FROM users")) {
            rs.next();
            assertEquals("alice", rs.getString(1));
        }
    }
}
