package org.urulink.server;

/** A message to append; the store gives it its seq and id, or returns the earlier copy for a repeated client id. */
record NewMessage(String conversationId, String senderId, String senderUsername, String clientId, String body, long sentAt) {
}
