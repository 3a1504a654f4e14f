package org.urulink.server;

import org.urulink.protocol.TimeOrderedIds;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.websocket.WsSession;
import org.urulink.protocol.CloseCodes;
import org.urulink.protocol.Frame;
import org.urulink.protocol.Json;
import org.urulink.protocol.SeedFrames;

/**
 * A session of the original urulink protocol: {@code /ws?receiver_id=}. It speaks for one pair: replays
 * the pair's history on open, then relays the pair's live messages, all as seed frames. Messages it sends are
 * stored like any other, so native clients see them too.
 */
final class SeedConnection extends Connection {
    private static final int PAGE = 500;

    private final User receiver;
    private final ErrorBudget errors = new ErrorBudget();
    private final Object lock = new Object();
    private volatile Conversation pair;
    /** Live messages held back during the history replay; guarded by lock. */
    private List<Frame.Message> heldBack = new ArrayList<>();

    SeedConnection(Services services, User user, User receiver, Tokens.Claims claims, WsSession ws) {
        super(services, user, claims, ws);
        this.receiver = receiver;
    }

    void open() {
        pair = services.store().directConversation(user.id(), receiver.id(), services.clock().millis());
        register();
        long replayed = 0;
        List<StoredMessage> page;
        do {
            // A long history goes out page by page as the client reads it, never past the outbox's limit.
            if (!awaitRoom(PAGE)) {
                synchronized (lock) {
                    heldBack = null; // the socket is being closed: nothing more is held for it
                }
                return;
            }
            page = services.store().messages(pair.id(), null, replayed, PAGE);
            for (StoredMessage m : page) {
                queue(m.frame(), m.receiverOnline());
                replayed = m.seq();
            }
        } while (page.size() == PAGE);
        synchronized (lock) {
            for (Frame.Message m : heldBack) {
                if (m.seq() > replayed) {
                    queue(m, null);
                }
            }
            heldBack = null;
        }
    }

    /** The seed never renewed tokens; an expired one ends the session as it would have at upgrade. */
    @Override
    String expiredReason() {
        return "access token expired";
    }

    /** Nothing to tell: the seed protocol has no sync, so {@link #queue} closes a session this far behind. */
    @Override
    void fellBehind() {
    }

    /** Seed clients cannot sync; reconnecting replays the history, which holds what they missed. */
    @Override
    public void resync() {
        close(CloseCodes.TRY_AGAIN, "messages may have been missed; reconnect");
    }

    @Override
    public void deliver(Frame frame, String json) {
        if (!(frame instanceof Frame.Message m) || pair == null || !pair.id().equals(m.conversationId())) {
            return;
        }
        synchronized (lock) {
            if (heldBack != null) {
                heldBack.add(m);
                return;
            }
        }
        queue(m, null);
    }

    void onText(String text) {
        SeedFrames.In in;
        try {
            in = Json.mapper().readValue(text, SeedFrames.In.class);
        } catch (JsonProcessingException e) {
            reply(new SeedFrames.Error("invalid message format"));
            return;
        }
        if (in == null || in.content() == null || in.content().isEmpty()) {
            reply(new SeedFrames.Error("content is required"));
            return;
        }
        try {
            // A file_url from POST /upload in the text shares that file with the receiver.
            List<String> files = services.files().linkedIn(user, in.content());
            if (isFileMessage(in) && files.isEmpty()) {
                // The seed opened a client-chosen path on the server's disk here; files now go through uploads.
                reply(new SeedFrames.Error("a \"" + in.contentType() + "\" message's content must be a file_url from "
                        + "POST /upload"));
                return;
            }
            services.messaging().send(user, TimeOrderedIds.next(), pair.id(), null, in.content(), files)
                    .exceptionally(failure -> {
                        outbox.offerControl(json(new SeedFrames.Error("message not stored; send it again")));
                        return null;
                    });
        } catch (ChatException e) {
            reply(new SeedFrames.Error(e.getMessage()));
        }
    }

    /**
     * Queues one seed frame. {@code receiverOnline} is what the store recorded at sending; when unknown (a live
     * message, which is being sent right now, or an old row) the receiver's presence now stands in for it.
     */
    private void queue(Frame.Message m, Boolean receiverOnline) {
        String receiverId = m.from().equals(user.id()) ? receiver.id() : user.id();
        boolean online = receiverOnline != null ? receiverOnline : services.presence().isOnline(receiverId);
        int status = online ? SeedFrames.ONLINE : SeedFrames.OFFLINE;
        services.metrics().messagesOut.increment();
        // A message with a file is a seed file message; its file_path is the file's URL here, never a disk path.
        boolean file = m.attachments() != null && !m.attachments().isEmpty();
        String type = file ? "file" : "text";
        String path = file ? SharedFiles.contentPath(m.attachments().getFirst().fileId()) : "";
        if (!outbox.offer(json(new SeedFrames.Out(m.from(), receiverId, m.body(), type, path, status, m.sentAt() / 1000)))) {
            // The seed protocol has no sync: a reader this far behind reconnects and gets the replay instead.
            close(1013, "too far behind; reconnect");
        }
    }

    /** Any content type but text names a file message in the seed protocol ("file", "image", …). */
    private static boolean isFileMessage(SeedFrames.In in) {
        return in.contentType() != null && !"text".equals(in.contentType());
    }

    /** A binary frame: the seed's clients sent JSON text only. */
    void onBinary() {
        reply(new SeedFrames.Error("binary frames are not accepted; send JSON text"));
    }

    /** Answers a bad frame; a flood of them gets one last answer and then silence for a while. */
    private void reply(SeedFrames.Error error) {
        errors.answer(services.clock().millis(), error,
                        () -> new SeedFrames.Error("too many bad frames; further ones are ignored for a while"))
                .ifPresent(e -> outbox.offerControl(json(e)));
    }

    private static String json(Object seedFrame) {
        try {
            return Json.mapper().writeValueAsString(seedFrame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
