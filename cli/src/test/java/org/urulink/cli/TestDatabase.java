package org.urulink.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A fresh PostgreSQL database on the machine's server (test.sh starts it), dropped afterwards. */
final class TestDatabase implements AutoCloseable {
    static final String SERVER = System.getenv().getOrDefault("URULINK_TEST_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = System.getenv().getOrDefault("URULINK_TEST_JDBC_USER", "postgres");

    final String name = "urulink_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    TestDatabase() {
        execute("CREATE DATABASE " + name);
    }

    String jdbcUrl() {
        return SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name;
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER, USER, "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " refused \"" + sql + "\" (./test.sh starts it): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
