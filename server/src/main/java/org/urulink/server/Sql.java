package org.urulink.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/** A thin layer over JDBC: one statement per call, checked exceptions turned into {@link StoreException}. */
final class Sql {
    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> List<T> list(String sql, Row<T> row, Object... args) {
        return withConnection(c -> list(c, sql, row, args));
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        return withConnection(c -> one(c, sql, row, args));
    }

    int update(String sql, Object... args) {
        return withConnection(c -> update(c, sql, args));
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    /** A connection of the pool for the caller to keep; closing it gives it back. */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Closes a connection taken with {@link #connection()} for good: the pool makes a new one in its place. */
    void evict(Connection c) {
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource pool) {
            pool.evictConnection(c);
        } else {
            try {
                c.close();
            } catch (SQLException e) {
                // A broken connection fails to close as well; it is gone either way.
            }
        }
    }

    <T> T withConnection(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(Work<T> work) {
        return withConnection(c -> {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                c.setAutoCommit(true);
                throw e;
            }
            commit(c);
            return result;
        });
    }

    /**
     * Commits by turning auto-commit back on (JDBC commits then). Not {@code commit()}: sqlite-jdbc's begins the next
     * transaction at once, taking the write lock again, and can fail after the work is already stored.
     */
    static void commit(Connection c) throws SQLException {
        c.setAutoCommit(true);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
