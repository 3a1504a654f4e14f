package org.urulink.client;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.Frame;

/** The chat's link to a real server: {@link ApiClient}, {@link FileTransfers} and a {@link ChatSocket}. */
final class ServerLink implements ChatLink {
    private final Session session;
    private final TokenStore store;
    private final ApiClient api;
    private final ChatSocket.Options options;
    private volatile ChatSocket socket;

    ServerLink(Session session, TokenStore store, ChatSocket.Options options) {
        this.session = session;
        this.store = store;
        this.api = ApiClient.of(session);
        this.options = options;
    }

    @Override
    public void start(Map<String, Long> cursors, Events events) {
        ChatSocket s = new ChatSocket(session, new ChatSocket.Listener() {
            @Override
            public void onFrame(Frame frame) {
                events.frame(frame);
            }

            @Override
            public void onState(ChatSocket.State state, String detail) {
                ChatSocket me = socket;
                long retryAt = me == null ? 0 : me.nextAttempt().map(java.time.Instant::toEpochMilli).orElse(0L);
                events.state(state, detail, retryAt);
            }
        }, options, cursors);
        socket = s;
        s.start();
    }

    @Override
    public CompletableFuture<Frame.Ack> send(Frame.Send frame) {
        return socket.send(frame);
    }

    @Override
    public boolean sendNow(Frame frame) {
        ChatSocket s = socket;
        return s != null && s.sendNow(frame);
    }

    @Override
    public List<ConversationInfo> conversations() {
        return api.conversations();
    }

    @Override
    public ConversationInfo conversation(String id) {
        return api.conversation(id);
    }

    @Override
    public History messages(String conversationId, HistoryQuery query) {
        return api.messages(conversationId, query);
    }

    @Override
    public ConversationInfo direct(String user) {
        return api.direct(user);
    }

    @Override
    public ConversationInfo createGroup(String title, List<String> members) {
        return api.createGroup(title, members);
    }

    @Override
    public ConversationInfo addMembers(String conversationId, List<String> members) {
        return api.addMembers(conversationId, members);
    }

    @Override
    public void removeMember(String conversationId, String user) {
        api.removeMember(conversationId, user);
    }

    @Override
    public void leave(String conversationId) {
        api.leave(conversationId);
    }

    @Override
    public ConversationInfo rename(String conversationId, String title) {
        return api.rename(conversationId, title);
    }

    @Override
    public UserProfile user(String username) {
        return api.user(username);
    }

    @Override
    public Attachment upload(Path file, String conversationId, TransferListener listener) {
        return new FileTransfers(api).upload(file, conversationId, listener);
    }

    @Override
    public Downloaded download(String fileId, Path target, TransferListener listener) {
        return new FileTransfers(api).download(fileId, target, false, listener);
    }

    @Override
    public void logout() {
        try {
            ApiClient.anonymous(session.credentials().server()).logout(session.credentials().refreshToken());
        } finally {
            store.clear();
        }
    }

    @Override
    public void close() {
        ChatSocket s = socket;
        if (s != null) {
            s.close();
        }
    }
}
