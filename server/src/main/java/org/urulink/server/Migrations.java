package org.urulink.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * The schema, one Flyway folder per SQL dialect under {@code db/migration/}: {@code sqlite} and {@code postgresql}
 * hold the same versions with the same tables and columns ({@code SchemaVersionTest} keeps them in step).
 */
final class Migrations {
    /** The newest migration in both folders. */
    static final int SCHEMA_VERSION = 4;

    private Migrations() {
    }

    /** Brings the database to {@link #SCHEMA_VERSION} with the migrations in {@code db/migration/<dialect>}. */
    static void migrate(DataSource ds, String dialect) {
        // Starting Flyway costs more than half a second of a server start; when its history already shows the
        // newest version there is nothing for it to do.
        if (installedVersion(ds) == SCHEMA_VERSION) {
            return;
        }
        // On PostgreSQL Flyway holds an advisory lock while it migrates, so nodes starting together take turns.
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/" + dialect)
                .load()
                .migrate();
    }

    /** The newest version Flyway applied successfully, or -1 on a new database. */
    static int installedVersion(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            // Flyway keeps its history in the connection's current schema; look only there.
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "flyway_schema_history",
                    new String[] {"TABLE"})) {
                if (!rs.next()) {
                    return -1;
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history "
                         + "WHERE success")) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
