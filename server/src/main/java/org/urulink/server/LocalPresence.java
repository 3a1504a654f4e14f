package org.urulink.server;

import java.util.concurrent.ConcurrentHashMap;

/** Presence for one node: the number of open sessions per user. */
final class LocalPresence implements Presence {
    private final ConcurrentHashMap<String, Integer> sessions = new ConcurrentHashMap<>();

    @Override
    public boolean connected(String userId) {
        return sessions.merge(userId, 1, Integer::sum) == 1;
    }

    @Override
    public boolean disconnected(String userId) {
        // compute is atomic per key, so two sessions closing together cannot both see "last one".
        boolean[] last = new boolean[1];
        sessions.computeIfPresent(userId, (k, n) -> {
            last[0] = n == 1;
            return n == 1 ? null : n - 1;
        });
        return last[0];
    }

    @Override
    public boolean isOnline(String userId) {
        return sessions.containsKey(userId);
    }

    /** The users with at least one session here. */
    java.util.Set<String> users() {
        return sessions.keySet();
    }
}
