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
            // Pretend the newest migration never ran: drop its column and its history row.
            st.execute("ALTER TABLE messages DROP COLUMN attachments");
            st.execute("DROP TABLE file_shares");
            st.execute("DROP TABLE files");
            st.execute("DELETE FROM flyway_schema_history WHERE version = '" + SqliteDatabase.SCHEMA_VERSION + "'");
        }
        try (HikariDataSource ds = SqliteDatabase.open(dir);
             var c = ds.getConnection(); var st = c.createStatement()) {
            // Throws unless the migration put the column and the tables back.
            st.executeQuery("SELECT m.attachments FROM messages m, files f, file_shares s").close();
            assertEquals(SqliteDatabase.SCHEMA_VERSION, SqliteDatabase.installedVersion(ds));
        }
    }
}
