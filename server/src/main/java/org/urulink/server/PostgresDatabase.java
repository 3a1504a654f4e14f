package org.urulink.server;

import com.zaxxer.hikari.HikariDataSource;

/** The shared database: PostgreSQL, migrated by Flyway on open. */
final class PostgresDatabase {
    private PostgresDatabase() {
    }

    static HikariDataSource open(Backends.Database database) {
        throw new ConfigException("PostgreSQL (jdbc-url) is not supported by this build yet");
    }
}
