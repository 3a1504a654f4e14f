package org.urulink.server;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.ErrorCode;
import org.urulink.protocol.Frame;
import org.urulink.protocol.SyncState;

/**
 * A message's way: checked, stored (group commit), then handed to the bus for every member's sessions.
 * Also receipts, typing and sync, which read the store.
 */
final class Messaging implements AppendListener {
    static final int MAX_CLIENT_ID = 64;
    static final int DEFAULT_SYNC_LIMIT = 500;

    private final Store store;
    private final Conversations conversations;
    private final Bus bus;
    private final Presence presence;
    private final Metrics metrics;
    private final SharedFiles files;
    private final int maxBodyBytes;
    private final Clock clock;

    Messaging(Store store, Conversations conversations, Bus bus, Presence presence, Metrics metrics, SharedFiles files,
              int maxBodyBytes, Clock clock) {
        this.files = files;
        this.store = store;
        this.presence = presence;
        this.conversations = conversations;
        this.bus = bus;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    /**
     * Stores a message; the future completes with its ack once it is durable. For direct messages it records
     * whether the receiver was online, because seed clients show it. With attachments the body may be empty.
     */
    CompletableFuture<Frame.Ack> send(User sender, String clientId, String conversationId, String to, String body,
                                      List<String> attachmentIds) {
        checkClientId(clientId);
        List<Attachment> attachments = files.attachable(sender, attachmentIds);
        if ((body == null || body.isEmpty()) && attachments.isEmpty()) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "missing field \"body\"");
        }
        String text = body == null ? "" : body;
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBodyBytes) {
            throw new ChatException(ErrorCode.TOO_LARGE, "the message is " + bytes + " bytes; the limit is " + maxBodyBytes);
        }
        Membership c = conversationId != null && !conversationId.isBlank()
                ? conversations.membership(conversationId, sender.id())
                : conversations.directMembership(sender, to);
        long started = System.nanoTime();
        Boolean receiverOnline = c.isGroup() ? null
                : c.directPair().stream().filter(id -> !id.equals(sender.id())).anyMatch(presence::isOnline);
        return store.append(new NewMessage(c.conversationId(), sender.id(), sender.username(), clientId, text,
                        clock.millis(), receiverOnline, attachments, c.directPair()))
                .thenApply(a -> {
                    metrics.storeLatency(System.nanoTime() - started);
                    return a.message().ack();
                });
    }

    @Override
    public void committed(List<Appended> batch) {
        for (Appended a : batch) {
            metrics.messagesIn.increment();
            bus.publish(new Envelope(a.memberIds(), a.message().frame()));
        }
    }

    void read(User me, String sessionId, String conversationId, long seq) {
        Membership m = conversations.membership(conversationId, me.id());
        long stored = store.markRead(conversationId, me.id(), seq);
        // The user's other sessions get it too, so their unread counts follow.
        bus.publish(new Envelope(conversations.memberIds(m), new Frame.Read(conversationId, stored, me.id()),
                sessionId));
    }

    void delivered(User me, String sessionId, String conversationId, long seq) {
        Membership m = conversations.membership(conversationId, me.id());
        long stored = store.markDelivered(conversationId, me.id(), seq);
        bus.publish(new Envelope(conversations.memberIds(m), new Frame.Delivered(conversationId, stored, me.id()),
                sessionId));
    }

    void typing(User me, String sessionId, String conversationId) {
        Membership m = conversations.membership(conversationId, me.id());
        // Only the others: the typist's own devices have nothing to show.
        List<String> others = conversations.memberIds(m).stream().filter(id -> !id.equals(me.id())).toList();
        bus.publish(new Envelope(others, new Frame.Typing(conversationId, me.id()), sessionId));
    }

    /**
     * What the user missed: for each conversation, messages after the given cursor (or the read position),
     * at most {@code limit} each, then a {@code synced} frame listing every conversation.
     */
    List<Frame> sync(String userId, Map<String, Long> cursors, Integer limit) {
        int max = limit == null ? DEFAULT_SYNC_LIMIT : limit;
        if (max < 1 || max > 5000) {
            throw ChatException.invalid("sync limit is 1 to 5000");
        }
        Map<String, Long> given = cursors == null ? Map.of() : cursors;
        List<Frame> out = new ArrayList<>();
        List<SyncState> states = new ArrayList<>();
        for (Conversation c : store.conversationsOf(userId)) {
            Long cursor = given.get(c.id());
            long after = cursor != null ? cursor : store.readSeq(c.id(), userId);
            List<StoredMessage> missed = store.messages(c.id(), null, after, max + 1);
            boolean complete = missed.size() <= max;
            long last = after;
            for (StoredMessage m : missed.subList(0, Math.min(max, missed.size()))) {
                out.add(m.frame());
                last = m.seq();
            }
            states.add(new SyncState(c.id(), complete ? Math.max(c.lastSeq(), last) : c.lastSeq(), complete));
        }
        out.add(new Frame.Synced(states));
        return out;
    }

    private static void checkClientId(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "missing field \"client_id\"");
        }
        if (clientId.length() > MAX_CLIENT_ID) {
            throw ChatException.invalid("client_id is at most " + MAX_CLIENT_ID + " characters");
        }
    }
}
