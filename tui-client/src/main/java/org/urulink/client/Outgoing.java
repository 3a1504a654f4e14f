package org.urulink.client;

import org.urulink.protocol.TimeOrderedIds;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.Frame;

/**
 * What the user sends, on the UI thread: each message goes to the outbox file first, then to the socket with its
 * client_id; the ack (or the message shown back) takes it off disk, a refusal marks it not sent. Also the
 * "typing" signal, at most every few seconds.
 */
final class Outgoing {
    private static final System.Logger LOG = System.getLogger(Outgoing.class.getName());
    static final long TYPING_SENT_EVERY_MS = 3_000;

    private final ChatController.Deps d;
    private final Consumer<String> notice;
    private int maxBody = 16 * 1024;
    private long typingSentAt;
    private String typingSentFor = "";

    Outgoing(ChatController.Deps deps, Consumer<String> notice) {
        this.d = deps;
        this.notice = notice;
    }

    /** The server's limit, from its hello. */
    void maxBody(int bytes) {
        if (bytes > 0) {
            maxBody = bytes;
        }
    }

    void send(ConversationState c, String body, List<Attachment> files) {
        if (body.getBytes(StandardCharsets.UTF_8).length > maxBody) {
            notice.accept("too long: a message holds at most " + maxBody + " bytes");
            return;
        }
        PendingMessage p = PendingMessage.queued(TimeOrderedIds.next(), c.id(), body, files,
                d.clock().millis());
        try {
            d.outbox().add(p);
        } catch (UncheckedIOException e) {
            notice.accept(e.getMessage() + "; sending anyway");
        }
        c.queue(p);
        c.scroll(0);
        typingSentAt = 0;
        transmit(p);
    }

    /** Sends {@code p} (again, after a restart: same client_id, so the server stores it once). */
    void transmit(PendingMessage p) {
        d.link().send(p.frame()).whenComplete((ack, err) -> d.loop().execute(() -> transmitted(p, ack, err)));
    }

    private void transmitted(PendingMessage p, Frame.Ack ack, Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (cause == null) {
            forget(p.clientId());
            d.model().conversation(p.conversationId()).ifPresent(c -> c.acked(p.clientId(), ack.seq()));
        } else if (cause instanceof ApiException refused) {
            forget(p.clientId());
            d.model().conversation(p.conversationId()).ifPresent(c -> c.refused(p.clientId(), refused.getMessage()));
            notice.accept("not sent: " + refused.getMessage());
        }
        // Anything else: the socket closed (quit, revoked login); the message stays on disk for next time.
    }

    /** Off the disk: the server has it (or refused it). */
    void forget(String clientId) {
        try {
            d.outbox().remove(clientId);
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    /** A key changed the input: tell the others we are typing (not too often, never for commands). */
    void typed() {
        String text = d.model().input().text();
        long now = d.clock().millis();
        d.model().selected().ifPresent(c -> {
            if (text.isBlank() || text.startsWith("/")) {
                return;
            }
            if (!c.id().equals(typingSentFor) || now - typingSentAt >= TYPING_SENT_EVERY_MS) {
                if (d.link().sendNow(new Frame.Typing(c.id(), null))) {
                    typingSentAt = now;
                    typingSentFor = c.id();
                }
            }
        });
    }
}
