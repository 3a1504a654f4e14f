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
    static final String AUTOVACUUM = "PostgreSQL autovacuum";
    /**
     * Why autovacuum matters here. Without it nothing analyzes the tables, and the plans the message writer cached
     * while they were small keep scanning all of {@code messages}: one node fell from 9,400 to 1,700 msg/s as it
     * grew to 800k rows, and was back at 10,700 after one ANALYZE.
     */
    static final String AUTOVACUUM_OFF = "is off: without it statistics go stale and message throughput falls as "
            + "history grows";
    static final String AUTOVACUUM_FIX = "turn it on (autovacuum = on in postgresql.conf, then reload PostgreSQL) "
            + "or run ANALYZE regularly";

    private PostgresCheck() {
    }

    static Check connect(Backends.Database db) {
        Properties target = parse(db.jdbcUrl());
        String where = target.getProperty("PGHOST", "localhost") + ":" + target.getProperty("PGPORT", "5432");
        String database = target.getProperty("PGDBNAME", "");
        try (Connection c = open(db)) {
            return Check.passed(NAME, db + ": connected (PostgreSQL "
                    + c.getMetaData().getDatabaseProductVersion() + ")");
        } catch (SQLException e) {
            return failure(e, db, where, database);
        }
    }

    /** Passes when the server runs autovacuum; warns, without failing, when it is off. */
    static Check autovacuum(Backends.Database db) {
        try (Connection c = open(db)) {
            return autovacuumOff(c) ? Check.warning(AUTOVACUUM, AUTOVACUUM_OFF, AUTOVACUUM_FIX)
                    : Check.passed(AUTOVACUUM, "is on: PostgreSQL keeps the planner's statistics current");
        } catch (SQLException e) {
            return Check.warning(AUTOVACUUM, "could not be read (" + BackendChecks.mask(said(e), db.password()) + ")",
                    "make sure SHOW autovacuum says on, or run ANALYZE regularly");
        }
    }

    /** Whether the server {@code c} is connected to has autovacuum off ({@code SHOW autovacuum}). */
    static boolean autovacuumOff(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SHOW autovacuum")) {
            return rs.next() && "off".equalsIgnoreCase(rs.getString(1));
        }
    }

    private static Connection open(Backends.Database db) throws SQLException {
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
        return DriverManager.getConnection(db.jdbcUrl(), props);
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
