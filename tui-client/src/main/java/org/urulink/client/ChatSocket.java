package org.urulink.client;

import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.urulink.protocol.CloseCodes;
import org.urulink.protocol.ErrorCode;
import org.urulink.protocol.Frame;
import org.urulink.protocol.FrameException;
import org.urulink.protocol.Frames;

/**
 * A WebSocket session to the server that survives the network: it reconnects with exponential backoff and
 * jitter, resumes with {@code sync} from the highest seq it holds per conversation, renews its token with
 * {@code auth} before it expires, and re-sends un-acked {@code send}s with their original {@code client_id}
 * (the server dedupes on it). Each message reaches the listener once, even when it arrives both live and in a
 * sync answer, this socket's own included (match them to sends by {@code client_id}), and in seq order per
 * conversation (see {@link Inbox}).
 */
public final class ChatSocket implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChatSocket.class.getName());

    /** Receives every frame (duplicates removed) and every change of connection state, on a network thread. */
    public interface Listener {
        void onFrame(Frame frame);

        default void onState(State state, String detail) {
        }
    }

    public enum State { CONNECTING, ONLINE, RECONNECTING, CLOSED }

    /** Backoff bounds, per-conversation sync limit and keepalive. */
    public record Options(Duration initialBackoff, Duration maxBackoff, int syncLimit, Duration pingInterval) {
        public static final Options DEFAULT =
                new Options(Duration.ofMillis(500), Duration.ofSeconds(30), 500, Duration.ofSeconds(30));
    }

    private final ApiClient api;
    private final Session session;
    private final Listener listener;
    private final Options options;
    private final URI uri;
    private final ScheduledExecutorService timer;
    private final Inbox inbox;
    private final PendingSends outbox = new PendingSends();
    private final Backoff backoff;

    // Guarded by this.
    private State state = State.CONNECTING;
    private int generation;
    private WebSocket socket;
    private String socketToken;
    private long lastHeard;
    private long nextAttemptAt;
    private CompletableFuture<?> writes = CompletableFuture.completedFuture(null);

    /**
     * @param cursors highest seq already held per conversation (empty for a fresh client: the server then
     *                sends what is unread)
     */
    public ChatSocket(Session session, Listener listener, Options options, Map<String, Long> cursors) {
        this.session = session;
        this.api = ApiClient.of(session);
        this.listener = listener;
        this.options = options;
        this.inbox = new Inbox(cursors);
        this.uri = wsUri(session.credentials().server());
        this.backoff = new Backoff(options.initialBackoff(), options.maxBackoff());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "urulink-socket");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the socket (asynchronously); the listener hears {@link State#ONLINE} once {@code hello} arrived. */
    public ChatSocket start() {
        int gen;
        synchronized (this) {
            gen = ++generation;
        }
        timer.execute(() -> connect(gen));
        timer.scheduleWithFixedDelay(this::keepalive, options.pingInterval().toMillis(),
                options.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    static URI wsUri(URI server) {
        String s = server.toString().replaceFirst("^http", "ws");
        return URI.create((s.endsWith("/") ? s : s + "/") + "ws");
    }

    /**
     * Queues a message; it is sent now when online, else after the next connect, and again after every
     * reconnect until the server acks it. The future fails with {@link ApiException} when the server refuses it.
     */
    public CompletableFuture<Frame.Ack> send(Frame.Send frame) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return CompletableFuture.failedFuture(new IllegalStateException("socket closed"));
            }
            CompletableFuture<Frame.Ack> acked = outbox.add(frame);
            if (state == State.ONLINE) {
                write(frame);
            }
            return acked;
        }
    }

    /** Sends a frame that needs no delivery guarantee (typing, read, ping); false when not online. */
    public synchronized boolean sendNow(Frame frame) {
        if (state != State.ONLINE) {
            return false;
        }
        write(frame);
        return true;
    }

    /** The highest seq held per conversation: keep it to resume a later run. */
    public synchronized Map<String, Long> cursors() {
        return inbox.cursors();
    }

    public synchronized State state() {
        return state;
    }

    /** While {@link State#RECONNECTING}: when the next attempt starts, for "reconnecting in 3 s". */
    public synchronized Optional<Instant> nextAttempt() {
        return state == State.RECONNECTING ? Optional.of(Instant.ofEpochMilli(nextAttemptAt)) : Optional.empty();
    }

    /** Number of sends not yet acked. */
    public synchronized int pending() {
        return outbox.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            generation++;
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            }
            outbox.abandon(new IllegalStateException("socket closed"));
        }
        timer.shutdownNow();
        notifyState(State.CLOSED, "closed");
    }

    // ---- connecting

    private void connect(int gen) {
        String token;
        try {
            token = session.accessToken(api::refreshed);
        } catch (NotLoggedInException e) {
            giveUp(gen, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "token refresh failed, will retry", e);
            retry(gen, ApiClient.reason(e));
            return;
        }
        synchronized (this) {
            if (gen != generation) {
                return;
            }
            socketToken = token;
        }
        api.http().newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new SocketHandler(this, gen))
                .whenComplete((ws, err) -> opened(gen, token, ws, err));
    }

    private void opened(int gen, String token, WebSocket ws, Throwable err) {
        if (err != null) {
            if (unwrap(err) instanceof WebSocketHandshakeException h && h.getResponse().statusCode() == 401) {
                // Expired or revoked: a refresh tells which (a revoked login fails to refresh).
                timer.execute(() -> {
                    try {
                        session.refresh(token, api::refreshed);
                        retry(gen, "token refreshed");
                    } catch (NotLoggedInException e) {
                        giveUp(gen, e.getMessage());
                    } catch (RuntimeException e) {
                        retry(gen, ApiClient.reason(e));
                    }
                });
                return;
            }
            retry(gen, ApiClient.reason(unwrap(err)));
            return;
        }
        synchronized (this) {
            if (gen != generation) {
                ws.abort();
                return;
            }
            socket = ws;
            lastHeard = System.currentTimeMillis();
        }
    }

    private void retry(int gen, String why) {
        long delay;
        int next;
        synchronized (this) {
            if (gen != generation || state == State.CLOSED) {
                return;
            }
            next = ++generation;
            socket = null;
            inbox.connectionLost();
            state = State.RECONNECTING;
            delay = backoff.next();
            nextAttemptAt = System.currentTimeMillis() + delay;
        }
        notifyState(State.RECONNECTING, why + "; retrying in " + delay + " ms");
        try {
            timer.schedule(() -> connect(next), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void giveUp(int gen, String why) {
        synchronized (this) {
            if (gen != generation) {
                return;
            }
        }
        close();
        LOG.log(System.Logger.Level.INFO, "socket closed for good: " + why);
    }

    private void keepalive() {
        int gen;
        synchronized (this) {
            if (state != State.ONLINE || socket == null) {
                return;
            }
            if (System.currentTimeMillis() - lastHeard <= 2 * options.pingInterval().toMillis()) {
                write(new Frame.Ping("keepalive"));
                return;
            }
            gen = generation;
            socket.abort(); // silent for two intervals: a dead connection the OS has not noticed
        }
        retry(gen, "no answer from the server"); // a no-op when abort already reported it
    }

    // ---- frames in

    private void received(int gen, Frame frame) {
        List<Frame> handOn;
        synchronized (this) {
            if (gen != generation) {
                return;
            }
            lastHeard = System.currentTimeMillis();
            handOn = switch (frame) {
                case Frame.Hello h -> {
                    online(h.expiresAt());
                    yield List.of(frame);
                }
                case Frame.Message m -> List.copyOf(inbox.message(m));
                case Frame.Synced s -> synced(s);
                case Frame.Ack a -> {
                    outbox.acked(a); // the cursor waits for the message itself
                    yield List.of(frame);
                }
                case Frame.Authed a -> {
                    scheduleRenewal(gen, a.expiresAt());
                    yield List.of(frame);
                }
                case Frame.Error e -> {
                    refused(e);
                    yield List.of(frame);
                }
                default -> List.of(frame);
            };
        }
        if (frame instanceof Frame.Hello) {
            notifyState(State.ONLINE, "connected to " + uri);
        }
        for (Frame f : handOn) {
            try {
                listener.onFrame(f);
            } catch (RuntimeException e) {
                // A failing listener must not take the connection down with it.
                LOG.log(System.Logger.Level.WARNING, "listener failed on a " + f.getClass().getSimpleName(), e);
            }
        }
    }

    private void notifyState(State s, String detail) {
        try {
            listener.onState(s, detail);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "listener failed on state " + s, e);
        }
    }

    private void online(long expiresAt) {
        state = State.ONLINE;
        backoff.reset();
        scheduleRenewal(generation, expiresAt);
        sync();
        outbox.frames().forEach(this::write);
    }

    /** Messages held during the sync, in order, then the {@code synced} itself. Caller holds this. */
    private List<Frame> synced(Frame.Synced synced) {
        Inbox.Flush flush = inbox.synced(synced);
        if (flush.syncAgain()) {
            sync();
        }
        List<Frame> out = new ArrayList<>(flush.messages());
        out.add(synced);
        return out;
    }

    private void sync() {
        inbox.syncSent();
        write(new Frame.Sync(inbox.cursors(), options.syncLimit()));
    }

    private void refused(Frame.Error error) {
        if (ErrorCode.SYNC_REQUIRED.wire().equals(error.code())) {
            sync();
            return;
        }
        outbox.refused(error);
    }

    // ---- token renewal

    private void scheduleRenewal(int gen, long expiresAt) {
        long lifetime = Math.max(0, expiresAt - System.currentTimeMillis());
        long delay = lifetime * 2 / 3;
        try {
            timer.schedule(() -> renew(gen), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void renew(int gen) {
        String stale;
        synchronized (this) {
            if (gen != generation || state != State.ONLINE) {
                return;
            }
            stale = socketToken;
        }
        try {
            String fresh = session.refresh(stale, api::refreshed);
            synchronized (this) {
                if (gen == generation && state == State.ONLINE) {
                    socketToken = fresh;
                    write(new Frame.Auth(fresh));
                }
            }
        } catch (NotLoggedInException e) {
            giveUp(gen, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "token renewal failed; the server will close and we reconnect", e);
        }
    }

    // ---- frames out

    /** Writes one frame after the ones before it (java.net.http allows one outstanding send). Caller holds this. */
    private void write(Frame frame) {
        WebSocket ws = socket;
        if (ws == null) {
            return;
        }
        String text = Frames.encode(frame);
        writes = writes.thenCompose(x -> ws.sendText(text, true)).exceptionally(e -> null);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    // ---- what the connection of one generation reports (SocketHandler calls these)

    void onOpen(int gen, WebSocket webSocket) {
        synchronized (this) {
            if (gen == generation) {
                socket = webSocket;
                writes = CompletableFuture.completedFuture(null); // a fresh connection, a fresh queue
            }
        }
    }

    void onText(int gen, String text) {
        try {
            received(gen, Frames.decode(text));
        } catch (FrameException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring a frame the client cannot read: " + e.getMessage());
        }
    }

    void onClose(int gen, int statusCode, String reason) {
        if (statusCode == CloseCodes.REVOKED) {
            giveUp(gen, "the login was revoked");
        } else {
            retry(gen, "closed by the server (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
        }
    }

    void onError(int gen, Throwable error) {
        retry(gen, ApiClient.reason(error));
    }
}
