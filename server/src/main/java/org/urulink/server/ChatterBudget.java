package org.urulink.server;

import java.util.HashMap;
import java.util.Map;

/**
 * A session's allowance for the frames that cost others more than the sender. Two token buckets: pings and typing
 * (a reply each, or a relay to every member) get {@link #BURST} at once and then {@link #PER_SECOND}; receipts,
 * which clients send as messages arrive (one per conversation per batch of arrivals: a busy group can mean a few a
 * second), get ten times that. Only a flood meets either. Typing is also relayed at most once a second per
 * conversation: "still typing" says nothing new.
 */
final class ChatterBudget {
    static final int BURST = 100;
    static final int PER_SECOND = 20;
    static final int RECEIPTS_FACTOR = 10;
    static final long TYPING_EVERY_MILLIS = 1_000;

    /** What to do with a frame. */
    enum Verdict { TAKE, REFUSE, DROP }

    private final Bucket chatter = new Bucket(BURST, PER_SECOND);
    private final Bucket receipts = new Bucket(BURST * RECEIPTS_FACTOR, PER_SECOND * RECEIPTS_FACTOR);
    private final Map<String, Long> typedAt = new HashMap<>();

    /** A ping or typing frame. */
    synchronized Verdict chatter(long now) {
        return chatter.take(now);
    }

    /** A read or delivered receipt. */
    synchronized Verdict receipt(long now) {
        return receipts.take(now);
    }

    /** Whether a typing frame for {@code conversationId} is relayed, or dropped as too soon after the last. */
    synchronized boolean relayTyping(String conversationId, long now) {
        Long last = typedAt.get(conversationId);
        if (last != null && now - last >= 0 && now - last < TYPING_EVERY_MILLIS) {
            return false;
        }
        if (typedAt.size() >= 256) {
            typedAt.clear(); // bounded whatever ids a client makes up; forgetting only allows one more relay
        }
        typedAt.put(conversationId, now);
        return true;
    }

    /**
     * Past its tokens the first frame is refused (the client learns it is too fast) and the rest are dropped
     * without an answer until tokens are back, so a flood costs neither replies nor the bad-frame budget.
     */
    private static final class Bucket {
        private final int burst;
        private final int perSecond;
        private double tokens;
        private long refilledAt;
        private boolean told;

        Bucket(int burst, int perSecond) {
            this.burst = burst;
            this.perSecond = perSecond;
            this.tokens = burst;
        }

        Verdict take(long now) {
            if (refilledAt != 0) {
                // A wall clock stepping back refills nothing rather than draining the bucket.
                tokens = Math.min(burst, tokens + Math.max(0, now - refilledAt) * perSecond / 1000.0);
            }
            refilledAt = now;
            if (tokens >= 1) {
                tokens--;
                told = false;
                return Verdict.TAKE;
            }
            if (told) {
                return Verdict.DROP;
            }
            told = true;
            return Verdict.REFUSE;
        }
    }
}
