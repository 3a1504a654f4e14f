package org.urulink.server;

import java.util.List;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.Frame;

/**
 * A message as stored, with the sender's username for display. {@code receiverOnline}: see {@link NewMessage};
 * null when unknown. {@code attachments}: empty when none.
 */
record StoredMessage(String id, String conversationId, long seq, String senderId, String senderUsername,
                     String clientId, String body, long sentAt, Boolean receiverOnline, List<Attachment> attachments) {

    Frame.Message frame() {
        // Left out of the frame when empty, so messages without files look as they always did.
        return new Frame.Message(id, conversationId, seq, senderId, senderUsername, body, sentAt, clientId,
                attachments.isEmpty() ? null : attachments);
    }

    Frame.Ack ack() {
        return new Frame.Ack(clientId, id, conversationId, seq, sentAt);
    }
}
