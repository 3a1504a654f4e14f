package org.urulink.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.urulink.protocol.Frame;
import org.urulink.protocol.SyncState;

/**
 * Turns the messages of one connection into each message once, in {@code seq} order per conversation.
 *
 * <p>While a {@code sync} is answered, live messages can overtake the sync answer (the session is registered for
 * live delivery before the store is read), so everything that arrives is held until {@code synced} and then handed
 * on sorted. So is what arrives on a new connection before its first {@code sync} is sent: handed on then, a live
 * message newer than the cursor would move it past the messages missed while away, and the sync would skip them. The cursor of a conversation is the highest seq handed on; it moves only with what was handed on, so a
 * connection lost mid-sync drops what was held and the next sync fetches it again. When a sync was cut short by its
 * limit, only the unbroken run after the cursor is handed on, and the caller syncs again for the rest.
 *
 * <p>Not thread-safe: {@link ChatSocket} guards it.
 */
final class Inbox {
    private final Map<String, Long> cursors = new HashMap<>();
    private final Map<String, TreeMap<Long, Frame.Message>> held = new LinkedHashMap<>();
    private int syncsInFlight;
    /** A connection that has not sent its first sync yet: its messages wait for that sync's answer. */
    private boolean beforeFirstSync = true;

    /** What to hand on after a {@code synced}, and whether to sync again (a conversation was cut short). */
    record Flush(List<Frame.Message> messages, boolean syncAgain) {
    }

    Inbox(Map<String, Long> initial) {
        cursors.putAll(initial);
    }

    Map<String, Long> cursors() {
        return Map.copyOf(cursors);
    }

    void syncSent() {
        syncsInFlight++;
        beforeFirstSync = false;
    }

    /** The connection dropped: what was held is forgotten (cursors did not move), the next sync brings it back. */
    void connectionLost() {
        syncsInFlight = 0;
        beforeFirstSync = true;
        held.clear();
    }

    /**
     * The messages to hand on now: this one, or none before the connection's first sync, while a sync is answered,
     * or when it was seen already.
     */
    List<Frame.Message> message(Frame.Message m) {
        if (seen(m)) {
            return List.of();
        }
        if (syncsInFlight > 0 || beforeFirstSync) {
            held.computeIfAbsent(m.conversationId(), c -> new TreeMap<>()).put(m.seq(), m);
            return List.of();
        }
        List<Frame.Message> out = new ArrayList<>(1);
        handOn(m, out);
        return out;
    }

    Flush synced(Frame.Synced synced) {
        if (syncsInFlight > 0) {
            syncsInFlight--;
        }
        if (syncsInFlight > 0) {
            return new Flush(List.of(), false); // a later answer is coming; hand on after that one
        }
        Set<String> cutShort = synced.conversations().stream()
                .filter(s -> !s.complete())
                .map(SyncState::conversationId)
                .collect(Collectors.toSet());
        List<Frame.Message> out = new ArrayList<>();
        boolean again = false;
        for (Map.Entry<String, TreeMap<Long, Frame.Message>> e : held.entrySet()) {
            TreeMap<Long, Frame.Message> waiting = e.getValue();
            if (cutShort.contains(e.getKey()) && handOnRun(e.getKey(), waiting, out)) {
                again = true; // the rest stays held until the next answer fills the gap
            } else {
                waiting.values().forEach(m -> handOn(m, out));
                waiting.clear();
            }
        }
        held.values().removeIf(Map::isEmpty);
        return new Flush(out, again);
    }

    /** Hands on the unbroken run after the cursor; false when there was none (nothing to wait for then). */
    private boolean handOnRun(String conversationId, TreeMap<Long, Frame.Message> waiting, List<Frame.Message> out) {
        Long cursor = cursors.get(conversationId);
        long next = cursor != null ? cursor + 1 : waiting.firstKey();
        int before = out.size();
        while (!waiting.isEmpty() && waiting.firstKey() <= next) {
            Frame.Message m = waiting.pollFirstEntry().getValue();
            handOn(m, out); // a seq below next was handed on already and is skipped here
            next = Math.max(next, m.seq() + 1);
        }
        return out.size() > before;
    }

    private void handOn(Frame.Message m, List<Frame.Message> out) {
        if (!seen(m)) {
            cursors.merge(m.conversationId(), m.seq(), Math::max);
            out.add(m);
        }
    }

    private boolean seen(Frame.Message m) {
        Long cursor = cursors.get(m.conversationId());
        return cursor != null && m.seq() <= cursor;
    }
}
