package org.urulink.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Checks PostgreSQL with one plain JDBC connection (no pool, no migrations), so a refused connection, a wrong
 * password and a missing database each get their own line.
 */
final class PostgresCheck {
    private static final String NAME = "PostgreSQL";

    private PostgresCheck() {
    }

    static Check connect(Backends.Database db) {
        Properties target = parse(db.jdbcUrl());
        String where = target.getProperty("PGHOST", "localhost") + ":" + target.getProperty("PGPORT", "5432");
        String database = target.getProperty("PGDBNAME", "");
        Properties props = new Properties();
        if (!db.user().isEmpty()) {
            props.setProperty("user", db.user());
        }
        if (!db.password().isEmpty()) {
            props.setProperty("password", db.password());
        }
        props.setProperty("connectTimeout", String.valueOf(BackendChecks.TIMEOUT.toSeconds()));
        props.setProperty("socketTimeout", String.valueOf(2 * BackendChecks.TIMEOUT.toSeconds()));
        props.setProperty("ApplicationName", "urulink setup");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), props)) {
            return Check.passed(NAME, db + ": connected (PostgreSQL "
                    + c.getMetaData().getDatabaseProductVersion() + ")");
        } catch (SQLException e) {
            return failure(e, db, where, database);
        }
    }

    private static Check failure(SQLException e, Backends.Database db, String where, String database) {
        String said = BackendChecks.mask(said(e), db.password());
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String user = db.user().isEmpty() ? "the user" : db.user();
        return switch (state) {
            case "3D000" -> Check.failed(NAME, db + ": database \"" + database + "\" does not exist on " + where,
                    "create it (createdb -h " + host(where) + " -p " + port(where) + " -U " + user + " " + database
                            + ", or CREATE DATABASE \"" + database + "\" OWNER " + user
                            + ";), or correct the database name in jdbc-url");
            case "28P01", "28000" -> Check.failed(NAME, db + ": authentication failed (" + said + ")",
                    "correct jdbc-user and jdbc-password, or create the role: CREATE ROLE " + user
                            + " LOGIN PASSWORD '...'; and check pg_hba.conf allows it from this host");
            default -> Unreachable.of(e, NAME, where, "jdbc-url")
                    .map(u -> Check.failed(NAME, db + ": cannot reach " + where + " (" + u.reason() + ")", u.fix()))
                    .orElseGet(() -> Check.failed(NAME, db + ": " + said,
                            "check jdbc-url, jdbc-user and jdbc-password"));
        };
    }

    /** Runs the Flyway migrations the server would run at start, by opening the database and closing it. */
    static Check migrate(Backends.Database db) {
        try {
            HikariDataSource ds = PostgresDatabase.open(db);
            ds.close();
            return Check.passed("PostgreSQL schema", db + ": migrated to the newest schema");
        } catch (RuntimeException e) {
            return Check.failed("PostgreSQL schema", db + ": " + BackendChecks.mask(said(e), db.password()),
                    "jdbc-user must own the database or be allowed to create tables in its public schema "
                            + "(GRANT CREATE ON SCHEMA public TO " + (db.user().isEmpty() ? "the user" : db.user())
                            + ")");
        }
    }

    /** The driver's own words without the "FATAL: " prefix or a closing full stop. */
    private static String said(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceFirst("^(FATAL|ERROR): ", "").replaceAll("\\.$", "").strip();
    }

    /** Host, port and database named by a JDBC URL; empty when the driver cannot read it. */
    private static Properties parse(String url) {
        Properties p = org.postgresql.Driver.parseURL(url, new Properties());
        return p == null ? new Properties() : p;
    }

    private static String host(String where) {
        return where.substring(0, where.lastIndexOf(':'));
    }

    private static String port(String where) {
        return where.substring(where.lastIndexOf(':') + 1);
    }
}
