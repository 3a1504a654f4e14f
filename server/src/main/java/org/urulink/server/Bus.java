package org.urulink.server;

/**
 * Hands frames to the node(s) holding the recipients' sessions. Embedded: a direct call. Cluster: RabbitMQ,
 * one queue per node. Losing the bus only delays messages: clients {@code sync} from the store.
 */
interface Bus extends AutoCloseable {
    void publish(Envelope envelope);

    /** Whether frames reach other nodes now (for {@code /health}). */
    default boolean healthy() {
        return true;
    }

    @Override
    default void close() {
    }
}
