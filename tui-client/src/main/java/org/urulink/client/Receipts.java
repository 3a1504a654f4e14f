package org.urulink.client;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.urulink.protocol.Frame;

/**
 * After each batch of events, on the UI thread: "read" for the conversation on screen, "delivered" for what came
 * in (kept while offline and sent when back), and one bell plus the notify-command for messages not on screen.
 */
final class Receipts {
    private final ChatController.Deps d;
    private final Map<String, Long> delivered = new HashMap<>();
    private final Map<String, Long> read = new HashMap<>();
    private final Map<String, Frame.Message> toNotify = new LinkedHashMap<>();

    Receipts(ChatController.Deps deps) {
        this.d = deps;
    }

    /** A message from someone else arrived in {@code c}; {@code seen}: it is on screen. */
    void arrived(ConversationState c, Frame.Message m, boolean seen) {
        delivered.merge(c.id(), m.seq(), Math::max);
        if (!seen) {
            toNotify.put(c.id(), m);
        }
    }

    /** {@code onScreen} is being looked at: everything in it is read. */
    void flush(java.util.Optional<ConversationState> onScreen) {
        onScreen.ifPresent(c -> {
            long seq = c.markRead();
            if (seq > 0) {
                read.merge(c.id(), seq, Math::max);
            }
        });
        read.entrySet().removeIf(e -> d.link().sendNow(new Frame.Read(e.getKey(), e.getValue(), null)));
        delivered.entrySet().removeIf(e -> d.link().sendNow(new Frame.Delivered(e.getKey(), e.getValue(), null)));
        if (toNotify.isEmpty()) {
            return;
        }
        d.notifier().bell();
        ChatModel model = d.model();
        toNotify.forEach((id, m) -> model.conversation(id).ifPresent(c -> d.notifier().message(
                c.isGroup() ? model.username(m.from()) + " in " + c.title() : model.username(m.from()),
                m.body() == null || m.body().isBlank() ? "[file]" : m.body())));
        toNotify.clear();
    }
}
