package org.urulink.client;

import java.util.OptionalLong;

/**
 * Which page of history to fetch: {@code after} pages forward, {@code before} pages back, neither gives the
 * newest {@code limit} messages (docs/protocol.md).
 */
public record HistoryQuery(OptionalLong before, OptionalLong after, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static HistoryQuery newest(int limit) {
        return new HistoryQuery(OptionalLong.empty(), OptionalLong.empty(), limit);
    }

    public static HistoryQuery before(long seq, int limit) {
        return new HistoryQuery(OptionalLong.of(seq), OptionalLong.empty(), limit);
    }

    public static HistoryQuery after(long seq, int limit) {
        return new HistoryQuery(OptionalLong.empty(), OptionalLong.of(seq), limit);
    }

    String queryString() {
        StringBuilder q = new StringBuilder("?limit=").append(limit);
        before.ifPresent(s -> q.append("&before=").append(s));
        after.ifPresent(s -> q.append("&after=").append(s));
        return q.toString();
    }
}
