package org.urulink.server;

import java.time.Clock;
import java.util.List;

import org.urulink.protocol.Frame;

/** Tells the people a user shares conversations with when the user's first session opens and last one closes. */
final class PresenceEvents {
    private static final System.Logger LOG = System.getLogger(PresenceEvents.class.getName());
    private final Store store;
    private final Presence presence;
    private final Bus bus;
    private final Clock clock;

    PresenceEvents(Store store, Presence presence, Bus bus, Clock clock) {
        this.store = store;
        this.presence = presence;
        this.bus = bus;
        this.clock = clock;
    }

    void opened(User user) {
        if (changed(() -> presence.connected(user.id()), "opened")) {
            announce(user, "online", null);
        }
    }

    void closed(User user) {
        if (changed(() -> presence.disconnected(user.id()), "closed")) {
            offline(user);
        }
    }

    /** A user whose sessions were all on a node that died: announced offline by the node that noticed. */
    void wentOffline(String userId) {
        store.userById(userId).ifPresent(this::offline);
    }

    private void offline(User user) {
        long now = clock.millis();
        store.touchLastSeen(user.id(), now);
        announce(user, "offline", now);
    }

    /**
     * Whether a session opening or closing changed the user's presence. When presence is unavailable the answer
     * is "no": chatting matters more than the green dot, so the session goes on, unannounced.
     */
    private static boolean changed(java.util.function.BooleanSupplier call, String what) {
        try {
            return call.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "presence is unavailable; a session " + what + " unannounced", e);
            return false;
        }
    }

    boolean isOnline(String userId) {
        return presence.isOnline(userId);
    }

    private void announce(User user, String status, Long lastSeen) {
        List<String> peers = store.peersOf(user.id());
        if (!peers.isEmpty()) {
            bus.publish(new Envelope(peers, new Frame.Presence(user.id(), user.username(), status, lastSeen)));
        }
    }
}
