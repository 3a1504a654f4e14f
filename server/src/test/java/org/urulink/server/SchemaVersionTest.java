package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaVersionTest {
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

    @TempDir
    Path dir;

    @Test
    void theSkipCheckKnowsTheNewestMigration() throws IOException, URISyntaxException {
        Path folder = Path.of(SchemaVersionTest.class.getResource("/db/migration/sqlite").toURI());
        int newest;
        try (Stream<Path> files = Files.list(folder)) {
            newest = files.map(f -> MIGRATION.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertEquals(newest, SqliteDatabase.SCHEMA_VERSION,
                "a new migration was added: raise SqliteDatabase.SCHEMA_VERSION to its version");
    }

    @Test
    void aNewDatabaseIsMigratedToTheNewestVersion() {
        try (HikariDataSource ds = SqliteDatabase.open(dir)) {
            assertEquals(SqliteDatabase.SCHEMA_VERSION, SqliteDatabase.installedVersion(ds));
        }
    }

    @Test
    void aDatabaseBehindTheNewestVersionIsMigratedOnOpen() throws Exception {
        try (HikariDataSource ds = SqliteDatabase.open(dir);
             var c = ds.getConnection(); var st = c.createStatement()) {
            // Pretend the newest migration never ran: a file row and a share it must keep, and no history row.
            st.execute("INSERT INTO users (id, username, name, password_hash, created_at) VALUES ('u', 'u', 'U', 'x', 0)");
            st.execute("INSERT INTO conversations (id, kind, created_at, updated_at) VALUES ('c', 'group', 0, 0)");
            st.execute("INSERT INTO files VALUES ('f', 'u', 'c', 'a', 1, 'text/plain', NULL, 'k', 'complete', 0, 0)");
            st.execute("INSERT INTO file_shares VALUES ('f', 'c', 0)");
            st.execute("DELETE FROM flyway_schema_history WHERE version = '" + SqliteDatabase.SCHEMA_VERSION + "'");
        }
        try (HikariDataSource ds = SqliteDatabase.open(dir);
             var c = ds.getConnection(); var st = c.createStatement()) {
            assertEquals(SqliteDatabase.SCHEMA_VERSION, SqliteDatabase.installedVersion(ds));
            // V4: a file needs no conversation, and what was there before is still there.
            st.execute("INSERT INTO files VALUES ('g', 'u', NULL, 'b', 1, 'text/plain', NULL, 'l', 'complete', 0, 0)");
            try (var rs = st.executeQuery("SELECT COUNT(*) FROM files f JOIN file_shares s ON s.file_id = f.id")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }
}
