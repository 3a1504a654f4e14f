package org.urulink.server;

import org.urulink.protocol.Frame;

/**
 * A message as stored, with the sender's username for display. {@code receiverOnline}: see {@link NewMessage};
 * null when unknown.
 */
record StoredMessage(String id, String conversationId, long seq, String senderId, String senderUsername,
                     String clientId, String body, long sentAt, Boolean receiverOnline) {

    Frame.Message frame() {
        return new Frame.Message(id, conversationId, seq, senderId, senderUsername, body, sentAt, clientId);
    }

    Frame.Ack ack() {
        return new Frame.Ack(clientId, id, conversationId, seq, sentAt);
    }
}
