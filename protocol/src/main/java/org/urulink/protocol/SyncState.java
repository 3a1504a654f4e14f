package org.urulink.protocol;

/** Where a conversation stands after a sync: its newest seq, and whether the answer reached it. */
public record SyncState(String conversationId, long lastSeq, boolean complete) {
}
