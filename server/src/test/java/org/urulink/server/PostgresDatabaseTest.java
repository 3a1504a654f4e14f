package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Opening the shared database: what an operator reads when it cannot be used, and nodes starting together. */
class PostgresDatabaseTest {
    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @Test
    void aDatabaseNobodyAnswersIsNamedInTheErrorWithoutItsPassword() {
        var db = new Backends.Database("jdbc:postgresql://127.0.0.1:1/urulink?password=hunter2", "", "");
        var e = assertThrows(ConfigException.class, () -> PostgresDatabase.open(db));
        assertTrue(e.getMessage().contains("jdbc-url jdbc:postgresql://127.0.0.1:1/urulink"), e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void aRefusedLoginIsNamedInTheErrorWithoutThePassword() {
        var db = new Backends.Database(DB.database().jdbcUrl(), "urulink_nobody", "s3cret-word");
        var e = assertThrows(ConfigException.class, () -> PostgresDatabase.open(db));
        assertTrue(e.getMessage().contains("jdbc-url " + DB.database().jdbcUrl() + " as urulink_nobody"), e.getMessage());
        assertTrue(e.getMessage().contains("urulink_nobody\" does not exist"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-word"), e.getMessage());
    }

    @Test
    void nodesOpeningANewDatabaseTogetherMigrateItOnce() throws Exception {
        // Flyway's lock makes one node migrate and the other find the work done; neither fails.
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var first = threads.submit(DB::open);
            var second = threads.submit(DB::open);
            try (HikariDataSource a = first.get(); HikariDataSource b = second.get()) {
                assertEquals(Migrations.SCHEMA_VERSION, Migrations.installedVersion(a));
                assertEquals(Migrations.SCHEMA_VERSION, Migrations.installedVersion(b));
            }
        }
    }
}
