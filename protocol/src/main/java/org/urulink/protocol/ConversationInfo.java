package org.urulink.protocol;

import java.util.List;

/**
 * A conversation as clients see it. {@code kind} is {@code direct} or {@code group}; a direct
 * conversation has no title. {@code lastMessage} is absent when nothing was said yet. {@code othersReadSeq} and
 * {@code othersDeliveredSeq} are how far every <em>other</em> member has read and received (0 when nobody else
 * is there), so a client can mark its own messages read or delivered without having seen the receipts.
 */
public record ConversationInfo(String id, String kind, String title, List<UserInfo> members,
                               Frame.Message lastMessage, long lastSeq, long readSeq, long unread,
                               long othersReadSeq, long othersDeliveredSeq) {

    /** Without the others' positions (as before they were sent): nobody else has read or received anything. */
    public ConversationInfo(String id, String kind, String title, List<UserInfo> members, Frame.Message lastMessage,
                            long lastSeq, long readSeq, long unread) {
        this(id, kind, title, members, lastMessage, lastSeq, readSeq, unread, 0, 0);
    }
}
