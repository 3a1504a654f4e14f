package org.urulink.server;

import java.lang.System.Logger.Level;
import java.util.Optional;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import org.urulink.protocol.CloseCodes;

/**
 * One WebSocket connection on {@code /ws}. The upgrade is refused unless a valid token or ticket comes with
 * it; with {@code receiver_id} the connection speaks the seed protocol, otherwise the native one.
 */
final class SocketListener implements WsListener {
    private static final System.Logger LOG = System.getLogger(SocketListener.class.getName());

    private final Services services;
    private SocketAuth auth;
    private User user;
    private User receiver;
    private NativeConnection nativeConnection;
    private SeedConnection seedConnection;
    private final StringBuilder partial = new StringBuilder();
    private long partialBytes;

    SocketListener(Services services) {
        this.services = services;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        try {
            auth = SocketAuth.of(prologue, headers, services.accounts(), services.tickets());
            user = services.store().userById(auth.claims().userId())
                    .orElseThrow(() -> new WsUpgradeException("account no longer exists"));
            if (auth.receiverRef().isPresent()) {
                receiver = services.directory().find(auth.receiverRef().get())
                        .orElseThrow(() -> new WsUpgradeException("unknown receiver_id"));
            }
        } catch (ChatException e) {
            services.metrics().error(e.code().wire());
            throw new WsUpgradeException(e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        if (receiver != null) {
            seedConnection = new SeedConnection(services, user, receiver, auth.claims(), session);
            seedConnection.open();
        } else {
            nativeConnection = new NativeConnection(services, user, auth.claims(), session);
            nativeConnection.open();
        }
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        // Clients split long messages into frames (the JDK's into 16 KiB ones): the limit is on the whole
        // message, so the last fragment counts too, and in UTF-8 bytes, not chars.
        partialBytes += utf8Length(text);
        if (partialBytes > services.config().maxFrameBytes()) {
            partial.setLength(0);
            partialBytes = 0;
            close(session, CloseCodes.TOO_BIG, "message larger than " + services.config().maxFrameBytes() + " bytes");
            return;
        }
        if (!last) {
            partial.append(text);
            return;
        }
        String whole = text;
        if (!partial.isEmpty()) {
            whole = partial.append(text).toString();
            partial.setLength(0);
        }
        partialBytes = 0;
        if (!roomFor(connection())) {
            // Nothing it was sent for 30 s: its socket is closed, which also frees the writer blocked on it.
            cleanUp();
            throw new CloseConnectionException("the client does not read its frames");
        }
        try {
            if (seedConnection != null) {
                seedConnection.onText(whole);
            } else if (nativeConnection != null) {
                nativeConnection.onText(whole);
            }
        } catch (RuntimeException e) {
            // A bug must cost one frame, never the session or the server.
            LOG.log(Level.ERROR, "unexpected failure handling a frame", e);
        }
    }

    /** A binary frame is a bad frame like any other: refused with an error, the session stays. */
    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        if (!last) {
            return;
        }
        if (nativeConnection != null) {
            nativeConnection.onBinary();
        } else if (seedConnection != null) {
            seedConnection.onBinary();
        }
    }

    private Connection connection() {
        return nativeConnection != null ? nativeConnection : seedConnection;
    }

    /** Backpressure: a client is read no faster than it reads what it is sent. */
    private static boolean roomFor(Connection c) {
        return c == null || c.awaitRoom(Connection.BACKLOG_LIMIT);
    }

    /** Closing goes through the connection's outbox, so it never interleaves with a write in progress. */
    private void close(WsSession session, int code, String reason) {
        if (nativeConnection != null) {
            nativeConnection.close(code, reason);
        } else if (seedConnection != null) {
            seedConnection.close(code, reason);
        } else {
            session.close(code, reason);
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        cleanUp();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        LOG.log(Level.DEBUG, "WebSocket error", t);
        cleanUp();
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private synchronized void cleanUp() {
        if (nativeConnection != null) {
            nativeConnection.forget();
            nativeConnection = null;
        }
        if (seedConnection != null) {
            seedConnection.forget();
            seedConnection = null;
        }
    }
}
