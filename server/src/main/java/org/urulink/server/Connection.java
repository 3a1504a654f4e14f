package org.urulink.server;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.helidon.websocket.WsSession;
import org.urulink.protocol.CloseCodes;

/**
 * What every WebSocket session shares, whatever protocol it speaks: its identity and login, its place in
 * {@link LocalSessions} and presence, an ordered {@link Outbox} through which every write and the close go, and
 * the close at token expiry.
 */
abstract class Connection implements ClientSession {
    static final int OUTBOX_LIMIT = 10_000;
    /**
     * Frames queued for the client past which its next frame is not read until some have been written. Replies
     * (pongs, acks, errors, sync answers) are queued however full the outbox is, so without this a client that
     * sends and never reads would grow the server's memory without bound; with it, TCP pushes back on its sends.
     */
    static final int BACKLOG_LIMIT = 1_000;
    /** How long a backlog may stay without a single frame written before the session is closed. */
    static final long STALL_LIMIT_MILLIS = 30_000;
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    final Services services;
    final User user;
    final Outbox outbox;
    private final String id = UUID.randomUUID().toString();
    private final WsSession ws;
    private volatile Instant expiresAt;
    private volatile String loginId;
    private ScheduledFuture<?> expiry;
    /** The thread that reads this connection's frames: it ends when the connection does, however that happens. */
    private volatile Thread reader;
    private final java.util.concurrent.atomic.AtomicBoolean forgotten = new java.util.concurrent.atomic.AtomicBoolean();

    Connection(Services services, User user, Tokens.Claims claims, WsSession ws) {
        this.services = services;
        this.user = user;
        this.ws = ws;
        this.expiresAt = claims.expiresAt();
        this.loginId = claims.loginId();
        this.outbox = new Outbox(OUTBOX_LIMIT, services.writers(), this::write, this::closeNow, this::fellBehind);
    }

    /** Makes the session reachable by delivery and counts it for presence. */
    final void register() {
        reader = Thread.currentThread();
        services.sessions().add(this);
        services.presence().opened(user);
        scheduleExpiry();
    }

    /**
     * The socket closed (told by the listener, or found by the sweep of vanished sessions): forget the session,
     * once. It leaves the local sessions last, because shutdown waits for them to empty before it stops the
     * server and the presence clean-up must not be cut short.
     */
    @Override
    public final void forget() {
        if (!forgotten.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (expiry != null) {
                expiry.cancel(false);
            }
        }
        try {
            services.presence().closed(user);
        } finally {
            services.sessions().remove(this);
        }
    }

    @Override
    public final boolean vanished() {
        Thread t = reader;
        return t != null && !t.isAlive();
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String userId() {
        return user.id();
    }

    @Override
    public final String loginId() {
        return loginId;
    }

    @Override
    public final CompletableFuture<Void> close(int code, String reason) {
        return outbox.close(code, reason);
    }

    final Instant expiresAt() {
        return expiresAt;
    }

    final boolean expired() {
        return !expiresAt.isAfter(services.clock().instant());
    }

    /** A fresh token for the same user moves the expiry and the login the session belongs to. */
    final void renewed(Tokens.Claims claims) {
        expiresAt = claims.expiresAt();
        loginId = claims.loginId();
        scheduleExpiry();
    }

    /**
     * Waits, on the thread that reads the client's frames, until fewer than {@code backlog} frames are queued for
     * it. False when nothing was written for {@link #STALL_LIMIT_MILLIS}: the session is then being closed.
     */
    final boolean awaitRoom(int backlog) {
        long written = outbox.written();
        long stalledSince = System.nanoTime();
        while (outbox.size() >= backlog) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            // Progress is frames written, not a shorter queue: a slow reader in a busy group may keep it full.
            long now = outbox.written();
            if (now != written) {
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > TimeUnit.MILLISECONDS.toNanos(STALL_LIMIT_MILLIS)) {
                close(CloseCodes.POLICY, "the client does not read its frames");
                // The close frame cannot pass the write that is stuck: ending that write closes the socket.
                outbox.abort();
                return false;
            }
            written = now;
        }
        return true;
    }

    /** The outbox dropped frames because the client does not read; called once it has caught up. */
    abstract void fellBehind();

    @Override
    public void resync() {
        fellBehind();
    }

    /** The close reason when the token expires. */
    abstract String expiredReason();

    private synchronized void scheduleExpiry() {
        if (expiry != null) {
            expiry.cancel(false);
        }
        long delay = Math.max(0, expiresAt.toEpochMilli() - services.clock().millis());
        expiry = services.timer().schedule(() -> {
            if (expired()) {
                close(CloseCodes.TOKEN_EXPIRED, expiredReason());
            }
        }, delay + 50, TimeUnit.MILLISECONDS);
    }

    private void write(String json) {
        try {
            ws.send(json, true);
        } catch (RuntimeException e) {
            // The socket is gone; onClose, or else the sweep of vanished sessions, cleans up.
            LOG.log(Level.DEBUG, "write to a closed session failed", e);
        }
    }

    private void closeNow(Outbox.Close c) {
        try {
            ws.close(c.code(), c.reason());
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "closing an already closed session failed", e);
        }
    }
}
