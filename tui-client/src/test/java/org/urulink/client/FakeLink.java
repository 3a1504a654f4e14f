package org.urulink.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.Frame;
import org.urulink.protocol.UserInfo;

/** A server in memory for the chat's tests: conversations and pages as set up, sends recorded and acked on demand. */
final class FakeLink implements ChatLink {
    static final UserInfo ALICE = new UserInfo("u-alice", "alice", "Alice");
    static final UserInfo BOB = new UserInfo("u-bob", "bob", "Bob");
    static final UserInfo CAROL = new UserInfo("u-carol", "carol", "Carol");

    final List<ConversationInfo> conversations = new CopyOnWriteArrayList<>();
    final Map<String, List<Frame.Message>> history = new ConcurrentHashMap<>();
    final List<Frame.Send> sent = new CopyOnWriteArrayList<>();
    final List<Frame> sentNow = new CopyOnWriteArrayList<>();
    final List<HistoryQuery> queries = new CopyOnWriteArrayList<>();
    final Map<String, CompletableFuture<Frame.Ack>> acks = new ConcurrentHashMap<>();
    final Map<String, Boolean> online = new ConcurrentHashMap<>();
    volatile boolean connected = true;
    volatile Events events;
    volatile Map<String, Long> cursors = Map.of();
    volatile boolean closed;

    /** A direct conversation between alice and {@code other} with {@code messages} (seq from 1). */
    ConversationInfo direct(String id, UserInfo other, List<Frame.Message> messages, long unread) {
        history.put(id, new ArrayList<>(messages));
        Frame.Message last = messages.isEmpty() ? null : messages.getLast();
        ConversationInfo c = new ConversationInfo(id, "direct", null, List.of(ALICE, other), last,
                last == null ? 0 : last.seq(), last == null ? 0 : last.seq() - unread, unread);
        conversations.add(c);
        return c;
    }

    static Frame.Message message(String conversation, long seq, UserInfo from, String body, long sentAt) {
        return new Frame.Message("m-" + conversation + "-" + seq, conversation, seq, from.id(), from.username(), body,
                sentAt, "c-" + conversation + "-" + seq, null);
    }

    /** Delivers a frame as the socket would (the UI thread gets it through the loop). */
    void push(Frame frame) {
        events.frame(frame);
    }

    void state(ChatSocket.State state, long retryAt) {
        events.state(state, "test", retryAt);
    }

    @Override
    public void start(Map<String, Long> cursors, Events events) {
        this.cursors = new HashMap<>(cursors);
        this.events = events;
        if (connected) {
            events.state(ChatSocket.State.ONLINE, "test", 0);
        }
    }

    @Override
    public CompletableFuture<Frame.Ack> send(Frame.Send frame) {
        sent.add(frame);
        return acks.computeIfAbsent(frame.clientId(), k -> new CompletableFuture<>());
    }

    /** The server stores {@code send} under {@code seq}: acks it and echoes the message. */
    void store(Frame.Send send, long seq, long sentAt) {
        acks.computeIfAbsent(send.clientId(), k -> new CompletableFuture<>())
                .complete(new Frame.Ack(send.clientId(), "m-" + seq, send.conversationId(), seq, sentAt));
        push(new Frame.Message("m-" + seq, send.conversationId(), seq, ALICE.id(), ALICE.username(), send.body(),
                sentAt, send.clientId(), null));
    }

    @Override
    public boolean sendNow(Frame frame) {
        if (connected) {
            sentNow.add(frame);
        }
        return connected;
    }

    @Override
    public List<ConversationInfo> conversations() {
        return List.copyOf(conversations);
    }

    @Override
    public ConversationInfo conversation(String id) {
        return conversations.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new ApiException(404, "not_found", "no such conversation"));
    }

    @Override
    public History messages(String conversationId, HistoryQuery query) {
        queries.add(query);
        List<Frame.Message> all = history.getOrDefault(conversationId, List.of());
        List<Frame.Message> upTo = query.before().isPresent()
                ? all.stream().filter(m -> m.seq() < query.before().getAsLong()).toList() : all;
        int from = Math.max(0, upTo.size() - query.limit());
        return new History(upTo.subList(from, upTo.size()), from > 0);
    }

    @Override
    public ConversationInfo direct(String user) {
        throw new ApiException(404, "unknown_recipient", "no user " + user);
    }

    @Override
    public ConversationInfo createGroup(String title, List<String> members) {
        ConversationInfo c = new ConversationInfo("g-" + title, "group", title, List.of(ALICE, BOB), null, 0, 0, 0);
        conversations.add(c);
        return c;
    }

    @Override
    public ConversationInfo addMembers(String conversationId, List<String> members) {
        return conversation(conversationId);
    }

    @Override
    public void removeMember(String conversationId, String user) {
    }

    @Override
    public void leave(String conversationId) {
    }

    @Override
    public ConversationInfo rename(String conversationId, String title) {
        return conversation(conversationId);
    }

    @Override
    public UserProfile user(String username) {
        UserInfo u = List.of(ALICE, BOB, CAROL).stream().filter(x -> x.username().equals(username)).findFirst()
                .orElseThrow(() -> new ApiException(404, "unknown_recipient", "no user"));
        return new UserProfile(u.id(), u.username(), u.name(), online.getOrDefault(u.id(), false), 0);
    }

    @Override
    public Attachment upload(Path file, String conversationId, TransferListener listener) {
        listener.progress(1, 1);
        return new Attachment("f-1", file.getFileName().toString(), 1, "text/plain");
    }

    @Override
    public Downloaded download(String fileId, Path target, TransferListener listener) {
        return new Downloaded(target, 1, 0);
    }

    @Override
    public void logout() {
    }

    @Override
    public void close() {
        closed = true;
    }
}
