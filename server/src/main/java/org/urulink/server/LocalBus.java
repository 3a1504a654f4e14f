package org.urulink.server;

/** The embedded bus: every session is on this node, so publishing is delivering. */
final class LocalBus implements Bus {
    private final LocalSessions sessions;

    LocalBus(LocalSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void publish(Envelope envelope) {
        sessions.deliver(envelope);
    }
}
