package org.urulink.client;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.Frame;

/**
 * What the chat needs from the server: the HTTP calls (blocking: the chat makes them off the UI thread) and the
 * live socket. {@link ServerLink} is the real one; tests give the chat their own.
 */
interface ChatLink extends AutoCloseable {

    /** What the socket reports, on a network thread. */
    interface Events {
        void frame(Frame frame);

        /** {@code retryAt}: epoch ms of the next attempt while reconnecting, else 0. */
        void state(ChatSocket.State state, String detail, long retryAt);
    }

    /** Opens the socket; it syncs from {@code cursors} (highest seq held per conversation) and on every reconnect. */
    void start(Map<String, Long> cursors, Events events);

    /** Queues a message until the server acks it (again after every reconnect, with its client_id). */
    CompletableFuture<Frame.Ack> send(Frame.Send frame);

    /** Typing, read, delivered: false when offline (they are not worth keeping). */
    boolean sendNow(Frame frame);

    List<ConversationInfo> conversations();

    ConversationInfo conversation(String id);

    History messages(String conversationId, HistoryQuery query);

    ConversationInfo direct(String user);

    ConversationInfo createGroup(String title, List<String> members);

    ConversationInfo addMembers(String conversationId, List<String> members);

    void removeMember(String conversationId, String user);

    void leave(String conversationId);

    ConversationInfo rename(String conversationId, String title);

    UserProfile user(String username);

    Attachment upload(Path file, String conversationId, TransferListener listener);

    Downloaded download(String fileId, Path target, TransferListener listener);

    /** Revokes the login on the server and forgets the stored credentials. */
    void logout();

    @Override
    void close();
}
