package org.urulink.server;

import java.util.HashMap;
import java.util.Map;

/**
 * A session's allowance for the frames that cost others more than the sender: receipts, which write the store
 * and go to every member, typing, which goes to every member, and pings. A token bucket: {@link #BURST} at once,
 * then {@link #PER_SECOND}. Clients send these a few times a minute (receipts are cumulative, sent once per
 * batch of arrivals), so only a flood meets the limit. Typing is also relayed at most once a second per
 * conversation: "still typing" says nothing new.
 */
final class ChatterBudget {
    static final int BURST = 100;
    static final int PER_SECOND = 20;
    static final long TYPING_EVERY_MILLIS = 1_000;

    private double tokens = BURST;
    private long refilledAt;
    private final Map<String, Long> typedAt = new HashMap<>();

    /** Takes one frame's allowance; false when the session is over its budget. */
    synchronized boolean take(long now) {
        if (refilledAt != 0) {
            tokens = Math.min(BURST, tokens + (now - refilledAt) * PER_SECOND / 1000.0);
        }
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }

    /** Whether a typing frame for {@code conversationId} is relayed, or dropped as too soon after the last. */
    synchronized boolean relayTyping(String conversationId, long now) {
        Long last = typedAt.get(conversationId);
        if (last != null && now - last < TYPING_EVERY_MILLIS) {
            return false;
        }
        if (typedAt.size() >= 256) {
            typedAt.clear(); // bounded whatever ids a client makes up; forgetting only allows one more relay
        }
        typedAt.put(conversationId, now);
        return true;
    }
}
