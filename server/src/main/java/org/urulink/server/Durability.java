package org.urulink.server;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How the message writer's commits become durable. PostgreSQL's commit is durable when it returns. SQLite's is
 * made to return without waiting for the disk ({@link WalSync}): the writer goes on with the next batch while the
 * delivery thread syncs the log, and a message is delivered and acknowledged only after that sync.
 */
interface Durability {
    /** Commits are durable when they return: nothing to do. */
    Durability ON_COMMIT = new Durability() {
        @Override
        public void prepareWriter(Connection c) {
        }

        @Override
        public void sync() {
        }
    };

    /** Sets up the writer's own connection, which no one else uses and is never given back to the pool. */
    void prepareWriter(Connection c) throws SQLException;

    /** Returns once every commit that returned before this call is on disk. */
    void sync() throws IOException;

    /** Lets go of what {@link #sync} holds open; called after the last sync. */
    default void close() {
    }
}
