package org.urulink.server;

/**
 * A message to append; the store gives it its seq and id, or returns the earlier copy for a repeated client id.
 * {@code receiverOnline}: in a direct conversation, whether the other member was online when it was sent; null in groups.
 * {@code attachments}: checked files the message carries; storing the message shares them to its conversation.
 * {@code knownMembers}: a direct conversation's two members, which never change, so storing need not read them
 * again; null to have the store read the members as of the commit (groups).
 */
record NewMessage(String conversationId, String senderId, String senderUsername, String clientId, String body, long sentAt,
                  Boolean receiverOnline, java.util.List<org.urulink.protocol.Attachment> attachments,
                  java.util.List<String> knownMembers) {
}
