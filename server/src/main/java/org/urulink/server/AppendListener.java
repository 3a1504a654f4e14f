package org.urulink.server;

import java.util.List;

/**
 * Told of newly stored messages right after each commit, in seq order, on the store's writer thread, so that
 * delivery order always equals storage order. It must not block.
 */
@FunctionalInterface
interface AppendListener {
    void committed(List<Appended> batch);
}
