package org.urulink.server;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.urulink.protocol.Frames;

/** The sessions open on this node, by user. */
final class LocalSessions {
    private final ConcurrentHashMap<String, Set<ClientSession>> byUser = new ConcurrentHashMap<>();
    /** The close every session gets once shutdown began; null before. */
    private volatile Outbox.Close closing;

    void add(ClientSession session) {
        byUser.computeIfAbsent(session.userId(), k -> ConcurrentHashMap.newKeySet()).add(session);
        Outbox.Close c = closing;
        if (c != null) {
            // Opened while the server stops (a client told to reconnect came straight back): told the same.
            session.close(c.code(), c.reason());
        }
    }

    void remove(ClientSession session) {
        byUser.computeIfPresent(session.userId(), (k, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }

    /** Queues the envelope's frame on every local session of its recipients. */
    void deliver(Envelope envelope) {
        String json = null;
        for (String userId : envelope.recipients()) {
            Set<ClientSession> sessions = byUser.get(userId);
            if (sessions == null) {
                continue;
            }
            for (ClientSession s : sessions) {
                if (s.id().equals(envelope.exceptSession())) {
                    continue;
                }
                if (json == null) {
                    json = Frames.encode(envelope.frame());
                }
                s.deliver(envelope.frame(), json);
            }
        }
    }

    /**
     * Forgets the sessions whose connections ended unannounced (see {@link ClientSession#vanished}), so their users
     * go offline. Run every second: a crashed client's peers see it offline within about a second.
     */
    void forgetVanished() {
        byUser.values().stream().flatMap(Set::stream).filter(ClientSession::vanished).toList()
                .forEach(ClientSession::forget);
    }

    List<ClientSession> of(String userId) {
        Set<ClientSession> sessions = byUser.get(userId);
        return sessions == null ? List.of() : List.copyOf(sessions);
    }

    int count() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    /** Closes the sessions opened with (or renewed to) tokens of one login, e.g. at logout. */
    void closeLogin(String loginId, int code, String reason) {
        byUser.values().forEach(set -> set.stream().filter(s -> loginId.equals(s.loginId()))
                .forEach(s -> s.close(code, reason)));
    }

    /** Tells the users' sessions on this node that they may have missed frames and must sync. */
    void resync(java.util.Collection<String> userIds) {
        for (String u : userIds) {
            of(u).forEach(ClientSession::resync);
        }
    }

    /** Tells every session on this node to sync, e.g. after the bus between nodes came back. */
    void resyncAll() {
        byUser.values().forEach(set -> set.forEach(ClientSession::resync));
    }

    /**
     * Closes every session, e.g. at shutdown, and waits up to {@code wait} for the clients to answer. Stopping
     * the web server sooner would cut the connections: clients would see 1006 (abnormal) instead of being told
     * to reconnect, and the sessions' own clean-up (offline, last seen) would be interrupted half-way.
     */
    void closeAll(int code, String reason, Duration wait) {
        closing = new Outbox.Close(code, reason);
        long deadline = System.nanoTime() + wait.toNanos();
        var written = byUser.values().stream().flatMap(Set::stream).map(s -> s.close(code, reason))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(written).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            while (!byUser.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // A client that does not read holds its close frame back; shutdown goes on without it.
        }
    }
}
