package org.urulink.protocol;

import java.util.List;

/**
 * A conversation as clients see it. {@code kind} is {@code direct} or {@code group}; a direct
 * conversation has no title. {@code lastMessage} is absent when nothing was said yet.
 */
public record ConversationInfo(String id, String kind, String title, List<UserInfo> members,
                               Frame.Message lastMessage, long lastSeq, long readSeq, long unread) {
}
