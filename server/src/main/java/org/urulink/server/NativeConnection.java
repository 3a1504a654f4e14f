package org.urulink.server;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.websocket.WsSession;
import org.urulink.protocol.CloseCodes;
import org.urulink.protocol.ErrorCode;
import org.urulink.protocol.Frame;
import org.urulink.protocol.FrameException;
import org.urulink.protocol.Frames;

/** One native-protocol WebSocket session: reads frames in order, writes through its {@link Outbox}. */
final class NativeConnection extends Connection {
    private static final System.Logger LOG = System.getLogger(NativeConnection.class.getName());

    private final ErrorBudget errors = new ErrorBudget();
    private final ChatterBudget chatter = new ChatterBudget();
    private final Object syncLock = new Object();
    /**
     * Live messages held back while a sync answer is being written, and before the hello: a client learns from the
     * hello that it is connected, and a message ahead of it could only be taken as news. Guarded by syncLock.
     */
    private List<Frame.Message> heldBack = new ArrayList<>();
    /**
     * Per conversation, the highest seq this session was sent, live or in a sync answer; guarded by syncLock.
     * Live messages are handed on in seq order without gaps: one at or below it was sent already (its delivery
     * trailed its commit, or it came the long way from another node), and a gap above it is filled from the
     * store, which holds every message with a lower seq by the time a higher one is delivered.
     */
    private final Map<String, Long> sent = new HashMap<>();
    /**
     * Whether this session has synced: its answer covered every conversation the user was in, so one it does not
     * know yet is new to it (made, or joined, since) and starts at seq 0. Guarded by syncLock.
     */
    private boolean synced;

    NativeConnection(Services services, User user, Tokens.Claims claims, WsSession ws) {
        super(services, user, claims, ws);
    }

    /** Registers for live delivery, then says hello; live messages that came in between follow the hello. */
    void open() {
        register();
        synchronized (syncLock) {
            sendNow(new Frame.Hello(user.info(), id(), expiresAt().toEpochMilli(), ChatServer.version(),
                    services.config().maxBodyBytes()));
            List<Frame.Message> held = heldBack;
            heldBack = null;
            held.sort(java.util.Comparator.comparingLong(Frame.Message::seq));
            held.forEach(m -> forward(m, null));
        }
    }

    @Override
    public void deliver(Frame frame, String json) {
        if (frame instanceof Frame.Message m) {
            synchronized (syncLock) {
                if (heldBack != null) {
                    heldBack.add(m);
                } else {
                    forward(m, json);
                }
            }
            return;
        }
        if (!outbox.offer(json)) {
            services.metrics().framesDropped.increment();
        }
    }

    /** Hands on a live message in order: drops one already sent, fills a gap before it first. Holds syncLock. */
    private void forward(Frame.Message m, String json) {
        Long last = sent.get(m.conversationId());
        if (last == null && synced) {
            last = 0L;
        }
        if (last != null && m.seq() <= last) {
            return;
        }
        long gap = last == null ? 0 : m.seq() - last - 1;
        if (gap > Messaging.DEFAULT_SYNC_LIMIT) {
            // Too much to fill in passing: the client's sync brings it all.
            sent.put(m.conversationId(), m.seq());
            fellBehind();
            return;
        }
        if (gap > 0) {
            for (StoredMessage missing : services.store().messages(m.conversationId(), null, last, (int) gap)) {
                offer(Frames.encode(missing.frame()));
            }
        }
        sent.put(m.conversationId(), m.seq());
        offer(json != null ? json : Frames.encode(m));
    }

    private void offer(String json) {
        services.metrics().messagesOut.increment();
        if (!outbox.offer(json)) {
            services.metrics().framesDropped.increment();
        }
    }

    /** Handles one whole text frame from the client. */
    void onText(String text) {
        if (expired()) {
            close(CloseCodes.TOKEN_EXPIRED, expiredReason());
            return;
        }
        try {
            handle(Frames.decode(text));
        } catch (FrameException e) {
            refuse(e.toFrame());
        } catch (ChatException e) {
            refuse(new Frame.Error(e.code().wire(), e.getMessage(), null));
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "store failed for a frame", e);
            refuse(new Frame.Error(ErrorCode.UNAVAILABLE.wire(), "the server could not do that now; try again", null));
        }
    }

    /** A binary frame: refused like any bad frame, counted in the same budget. */
    void onBinary() {
        refuse(new Frame.Error(ErrorCode.BAD_JSON.wire(), "binary frames are not accepted; send JSON text", null));
    }

    private void handle(Frame frame) {
        switch (budget(frame)) {
            case TAKE -> {
            }
            case REFUSE -> {
                sendNow(new Frame.Error(ErrorCode.RATE_LIMITED.wire(),
                        "too many receipts, typing or ping frames; further ones are dropped until you slow down", null));
                return;
            }
            case DROP -> {
                return;
            }
        }
        switch (frame) {
            case Frame.Send s -> send(s);
            case Frame.Sync s -> sync(s);
            case Frame.Read r -> services.messaging().read(user, id(), r.conversationId(), r.seq());
            case Frame.Delivered d -> services.messaging().delivered(user, id(), d.conversationId(), d.seq());
            case Frame.Typing t -> typing(t);
            case Frame.Auth a -> renew(a.token());
            case Frame.Ping p -> sendNow(new Frame.Pong(p.ref()));
            default -> throw new ChatException(ErrorCode.UNKNOWN_TYPE, "the server does not accept this frame type");
        }
    }

    /** Whether a frame is within the session's allowance for frames that cost others (see {@link ChatterBudget}). */
    private ChatterBudget.Verdict budget(Frame frame) {
        long now = services.clock().millis();
        return switch (frame) {
            case Frame.Read r -> chatter.receipt(now);
            case Frame.Delivered d -> chatter.receipt(now);
            case Frame.Typing t -> chatter.chatter(now);
            case Frame.Ping p -> chatter.chatter(now);
            default -> ChatterBudget.Verdict.TAKE;
        };
    }

    private void typing(Frame.Typing t) {
        if (chatter.relayTyping(t.conversationId(), services.clock().millis())) {
            services.messaging().typing(user, id(), t.conversationId());
        }
    }

    private void send(Frame.Send s) {
        try {
            services.messaging().send(user, s.clientId(), s.conversationId(), s.to(), s.body(), s.attachments())
                    .whenComplete((ack, failure) -> {
                        if (failure == null) {
                            sendNow(ack);
                        } else {
                            ErrorCode code = failure.getCause() instanceof ChatException ce ? ce.code() : ErrorCode.UNAVAILABLE;
                            refuse(new Frame.Error(code.wire(), failure.getCause() != null
                                    ? failure.getCause().getMessage() : failure.getMessage(), s.clientId()));
                        }
                    });
        } catch (ChatException e) {
            refuse(new Frame.Error(e.code().wire(), e.getMessage(), s.clientId()));
        }
    }

    private void sync(Frame.Sync s) {
        synchronized (syncLock) {
            heldBack = new ArrayList<>();
        }
        Map<String, Long> last = new HashMap<>();
        boolean answered = false;
        try {
            for (Frame f : services.messaging().sync(user.id(), s.cursors(), s.limit())) {
                if (f instanceof Frame.Message m) {
                    last.merge(m.conversationId(), m.seq(), Math::max);
                } else if (f instanceof Frame.Synced synced) {
                    // A complete answer leaves the session at the conversation's end, even with nothing new.
                    synced.conversations().stream().filter(org.urulink.protocol.SyncState::complete)
                            .forEach(st -> last.merge(st.conversationId(), st.lastSeq(), Math::max));
                }
                sendNow(f);
            }
            answered = true;
        } finally {
            synchronized (syncLock) {
                sent.putAll(last);
                synced |= answered;
                // Live messages that arrived meanwhile go after the answer, in order, minus those it already held.
                heldBack.sort(java.util.Comparator.comparingLong(Frame.Message::seq));
                List<Frame.Message> held = heldBack;
                heldBack = null;
                held.forEach(m -> forward(m, null));
            }
        }
    }

    private void renew(String token) {
        Tokens.Claims claims = services.accounts().authenticate(token);
        if (!claims.userId().equals(user.id())) {
            throw new ChatException(ErrorCode.UNAUTHORIZED, "that token belongs to another user");
        }
        renewed(claims);
        sendNow(new Frame.Authed(expiresAt().toEpochMilli()));
    }

    @Override
    String expiredReason() {
        return "access token expired; renew it with an auth frame";
    }

    private void refuse(Frame.Error error) {
        services.metrics().error(error.code());
        errors.answer(services.clock().millis(), error, () -> new Frame.Error(ErrorCode.RATE_LIMITED.wire(),
                "too many bad frames; further ones are ignored for a while", error.ref())).ifPresent(this::sendNow);
    }

    private void sendNow(Frame frame) {
        outbox.offerControl(Frames.encode(frame));
    }

    @Override
    void fellBehind() {
        sendNow(new Frame.Error(ErrorCode.SYNC_REQUIRED.wire(),
                "this session fell behind and missed frames; send sync", null));
    }
}
