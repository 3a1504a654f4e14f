package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The two migration folders stay in step, and the start-up skip check knows the newest version. */
class SchemaVersionTest {
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @TempDir
    Path dir;

    @Test
    void theSkipCheckKnowsTheNewestMigration() throws IOException, URISyntaxException {
        for (String dialect : List.of("sqlite", "postgresql")) {
            int newest = migrations(dialect).stream().map(MIGRATION::matcher).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
            assertEquals(newest, Migrations.SCHEMA_VERSION,
                    "a new migration was added to " + dialect + ": raise Migrations.SCHEMA_VERSION to its version");
        }
    }

    @Test
    void bothDialectsHaveTheSameMigrations() throws IOException, URISyntaxException {
        assertEquals(migrations("sqlite"), migrations("postgresql"),
                "every migration needs its twin in the other dialect's folder, under the same name");
    }

    @Test
    void bothDialectsBuildTheSameTablesAndColumns() throws SQLException {
        try (HikariDataSource sqlite = SqliteDatabase.open(dir); HikariDataSource postgres = POSTGRES.open()) {
            assertEquals(columns(sqlite), columns(postgres));
        }
    }

    @Test
    void aNewDatabaseIsMigratedToTheNewestVersion() {
        try (HikariDataSource ds = SqliteDatabase.open(dir)) {
            assertEquals(Migrations.SCHEMA_VERSION, Migrations.installedVersion(ds));
        }
        try (HikariDataSource ds = POSTGRES.open()) {
            assertEquals(Migrations.SCHEMA_VERSION, Migrations.installedVersion(ds));
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
            st.execute("DELETE FROM flyway_schema_history WHERE version = '" + Migrations.SCHEMA_VERSION + "'");
        }
        try (HikariDataSource ds = SqliteDatabase.open(dir);
             var c = ds.getConnection(); var st = c.createStatement()) {
            assertEquals(Migrations.SCHEMA_VERSION, Migrations.installedVersion(ds));
            // V4: a file needs no conversation, and what was there before is still there.
            st.execute("INSERT INTO files VALUES ('g', 'u', NULL, 'b', 1, 'text/plain', NULL, 'l', 'complete', 0, 0)");
            try (var rs = st.executeQuery("SELECT COUNT(*) FROM files f JOIN file_shares s ON s.file_id = f.id")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    private static TreeSet<String> migrations(String dialect) throws IOException, URISyntaxException {
        Path folder = Path.of(SchemaVersionTest.class.getResource("/db/migration/" + dialect).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
        }
    }

    /**
     * Every table but Flyway's, with its columns as "name" or "name null" (types are each dialect's own). Primary
     * keys count as not null: SQLite lets a TEXT PRIMARY KEY hold NULL, an old quirk the store never relies on.
     */
    private static Map<String, TreeSet<String>> columns(DataSource ds) throws SQLException {
        Map<String, TreeSet<String>> tables = new TreeMap<>();
        try (Connection c = ds.getConnection()) {
            var meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.put(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT), new TreeSet<>());
                }
            }
            tables.remove("flyway_schema_history");
            for (var table : tables.entrySet()) {
                TreeSet<String> keys = new TreeSet<>();
                try (ResultSet rs = meta.getPrimaryKeys(c.getCatalog(), c.getSchema(), table.getKey())) {
                    while (rs.next()) {
                        keys.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), table.getKey(), "%")) {
                    while (rs.next()) {
                        String name = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                        boolean nullable = "YES".equals(rs.getString("IS_NULLABLE")) && !keys.contains(name);
                        table.getValue().add(name + (nullable ? " null" : ""));
                    }
                }
            }
        }
        return tables;
    }
}
