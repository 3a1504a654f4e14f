package org.urulink.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PostgreSQL database for one test class ({@code @RegisterExtension static}): created before its first
 * test, emptied before each test, dropped after the last. The server is {@code URULINK_TEST_JDBC_URL} (default
 * 127.0.0.1:5432) as {@code URULINK_TEST_JDBC_USER} (default postgres). When it does not answer the tests fail,
 * never skip: a green run must mean the PostgreSQL store was tested.
 */
final class PostgresTestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    static final String URL = env("URULINK_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = env("URULINK_TEST_JDBC_USER", "postgres");
    static final String PASSWORD = env("URULINK_TEST_JDBC_PASSWORD", "");
    private static final Pattern DATABASE_IN_URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");

    private final String name = "urulink_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private Backends.Database database;
    /** The class that registered this; its {@code @Nested} classes share the database. */
    private String owner;

    /** The test database, for a server config or {@link PostgresDatabase#open}. */
    Backends.Database database() {
        return database;
    }

    /** A pool of its own on the test database, migrated: one node's view of it. */
    HikariDataSource open() {
        return PostgresDatabase.open(database);
    }

    /** {@code config} with its history in the test database. */
    ServerConfig use(ServerConfig config) {
        return config.with(b -> b.backends(config.backends().withDatabase(database)));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (owner != null) {
            return;
        }
        owner = context.getUniqueId();
        admin(URL, "CREATE DATABASE " + name);
        database = new Backends.Database(urlOf(name), USER, PASSWORD);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), USER, PASSWORD);
             Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (var rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                    + "AND tablename <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            // The schema stays (migrating it again would only slow the tests); the rows go.
            if (!tables.isEmpty()) {
                st.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null && context.getUniqueId().equals(owner)) {
            // FORCE: a pool a failed test left open must not keep the database alive.
            admin(URL, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void admin(String url, String statement) {
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            String why = String.valueOf(e.getMessage()).replaceAll("\\.$", "");
            throw new IllegalStateException("PostgreSQL at " + url + " as " + USER + " could not run \"" + statement
                    + "\": " + why + ". Is it running? packaging/services.sh starts it (./test.sh runs that before "
                    + "Maven); or point URULINK_TEST_JDBC_URL and URULINK_TEST_JDBC_USER at a server where that user "
                    + "may create databases.", e);
        }
    }

    /** {@link #URL} naming database {@code db} instead of its own. */
    private static String urlOf(String db) {
        Matcher m = DATABASE_IN_URL.matcher(URL);
        if (!m.matches()) {
            throw new IllegalStateException("URULINK_TEST_JDBC_URL is not jdbc:postgresql://host:port/db: " + URL);
        }
        return m.group(1) + "/" + db + (m.group(3) == null ? "" : m.group(3));
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? otherwise : v;
    }
}
