package org.urulink.server;

/**
 * Who is connected. Embedded: counts in memory. Cluster: Redis, with per-node heartbeats so a dead node's
 * users go offline by themselves.
 */
interface Presence extends AutoCloseable {
    /** A session of the user opened; true when that made the user online. */
    boolean connected(String userId);

    /** A session of the user closed; true when that was the user's last one anywhere. */
    boolean disconnected(String userId);

    boolean isOnline(String userId);

    /** Whether presence works now (for {@code /health}). */
    default boolean healthy() {
        return true;
    }

    @Override
    default void close() {
    }
}
