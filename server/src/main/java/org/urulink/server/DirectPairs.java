package org.urulink.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two members of each direct conversation seen lately. A direct conversation's members never change, so this
 * needs no invalidation, on one node or many; it saves a query or two per message sent, read or typed.
 * Bounded: past {@link #MAX} entries it starts again empty (each entry is ~200 bytes).
 */
final class DirectPairs {
    static final int MAX = 100_000;
    private final Map<String, List<String>> pairs = new ConcurrentHashMap<>();

    /** The pair, or null when not known. */
    List<String> get(String conversationId) {
        return pairs.get(conversationId);
    }

    void remember(String conversationId, List<String> members) {
        if (pairs.size() >= MAX) {
            pairs.clear();
        }
        pairs.put(conversationId, List.copyOf(members));
    }
}
