package org.urulink.client;

import java.util.List;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.Frame;

/**
 * A message typed here that the server has not shown back yet: queued (on disk, see {@link OutboxFile}), then
 * stored ({@code seq} known from the ack) until the message itself arrives, or refused.
 *
 * @param seq   the seq the server stored it under, 0 until acked
 * @param error why the server refused it; empty while it may still go out
 */
record PendingMessage(String clientId, String conversationId, String body, List<Attachment> attachments,
                      long createdAt, long seq, String error) {

    PendingMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        error = error == null ? "" : error;
    }

    static PendingMessage queued(String clientId, String conversationId, String body, List<Attachment> files,
                                 long createdAt) {
        return new PendingMessage(clientId, conversationId, body, files, createdAt, 0, "");
    }

    PendingMessage acked(long storedSeq) {
        return new PendingMessage(clientId, conversationId, body, attachments, createdAt, storedSeq, error);
    }

    PendingMessage refused(String why) {
        return new PendingMessage(clientId, conversationId, body, attachments, createdAt, seq, why);
    }

    boolean failed() {
        return !error.isEmpty();
    }

    /** The frame that sends it, with its original client_id (the server dedupes on it). */
    Frame.Send frame() {
        List<String> ids = attachments.isEmpty() ? null : attachments.stream().map(Attachment::fileId).toList();
        return new Frame.Send(clientId, conversationId, null, body, ids);
    }
}
