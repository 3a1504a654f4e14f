package org.urulink.client;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.urulink.protocol.Frame;

/**
 * What a client holds of each conversation: the highest seq seen (sent as the {@code sync} cursor, so a resume
 * asks for exactly the gap), and the ids of recent messages, so a message that arrives both live and in a sync
 * answer is handed on once. Not thread-safe: {@link ChatSocket} guards it.
 */
final class Cursors {
    private static final int REMEMBERED_IDS = 10_000;

    private final Map<String, Long> highest = new HashMap<>();
    private final Map<String, Boolean> recentIds = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };

    Cursors(Map<String, Long> initial) {
        highest.putAll(initial);
    }

    /** Records a message; false when it was already seen (a duplicate to drop). */
    boolean accept(Frame.Message m) {
        if (recentIds.put(m.messageId(), Boolean.TRUE) != null) {
            return false;
        }
        advance(m.conversationId(), m.seq());
        return true;
    }

    void advance(String conversationId, long seq) {
        highest.merge(conversationId, seq, Math::max);
    }

    Map<String, Long> snapshot() {
        return Map.copyOf(highest);
    }
}
