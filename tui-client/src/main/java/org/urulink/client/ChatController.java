package org.urulink.client;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.Frame;

/**
 * The chat's behaviour, on the UI thread: network frames and connection changes into the model, typed lines into
 * messages (queued on disk first) and commands, read and delivered receipts out, notifications for what is not
 * on screen. Blocking HTTP calls run on {@code http} and {@code files} executors and come back through the loop.
 */
final class ChatController {
    private static final System.Logger LOG = System.getLogger(ChatController.class.getName());
    static final int PAGE = 50;
    static final long TYPING_SHOWN_MS = 6_000;
    static final long TYPING_SENT_EVERY_MS = 3_000;
    static final long NOTICE_MS = 10_000;
    static final long DRAIN_MS = 10_000;

    /** What the controller works with; {@code workDir} is where /file and /download paths start. */
    record Deps(ChatModel model, ChatLink link, OutboxFile outbox, EventLoop loop, Executor http, Executor files,
                ChatOutput out, Notifier notifier, Clock clock, java.nio.file.Path workDir) {
    }

    private final Deps d;
    private final ChatModel model;
    private final ChatCommands commands;
    private final Map<String, Long> deliveredToSend = new HashMap<>();
    private final Map<String, Long> readToSend = new HashMap<>();
    private final Map<String, Frame.Message> toNotify = new LinkedHashMap<>();
    private boolean listed;
    private boolean wasOnline;
    private int maxBody = 16 * 1024;
    private long typingSentAt;
    private String typingSentFor = "";
    private String openAtStart = "";
    private long drainUntil;
    private boolean quitting;
    // Lines typed before the conversations are listed, or while /open or /group is being answered, wait here so
    // that "/open bob" then "hi" sends "hi" to bob (pipes type ahead of everything).
    private final java.util.ArrayDeque<String> typedAhead = new java.util.ArrayDeque<>();
    private boolean ready;
    private boolean awaiting;
    private int inFlight; // background calls not answered yet: line mode waits for them at the end of input

    ChatController(Deps deps) {
        this.d = deps;
        this.model = deps.model();
        this.commands = new ChatCommands(this, deps);
    }

    ChatModel model() {
        return model;
    }

    // ---- start and stop

    /** Shows what waits on disk, lists the conversations, then opens the socket from their cursors. */
    void start(String open) {
        openAtStart = open;
        List<PendingMessage> unsent = List.of();
        try {
            unsent = d.outbox().load();
        } catch (UncheckedIOException e) {
            notice(e.getMessage());
        }
        List<PendingMessage> resend = unsent;
        background(d.link()::conversations, list -> {
            listed(list);
            startLink(resend);
            ready();
        }, e -> {
            notice("cannot list conversations: " + reason(e) + "; retrying when connected");
            startLink(resend);
            ready();
        });
    }

    private void startLink(List<PendingMessage> unsent) {
        Map<String, Long> cursors = new HashMap<>();
        model.ordered().stream().filter(c -> c.maxSeq() > 0).forEach(c -> cursors.put(c.id(), c.maxSeq()));
        d.link().start(cursors, new ChatLink.Events() {
            @Override
            public void frame(Frame frame) {
                d.loop().execute(() -> ChatController.this.frame(frame));
            }

            @Override
            public void state(ChatSocket.State state, String detail, long retryAt) {
                d.loop().execute(() -> linkState(state, detail, retryAt));
            }
        });
        for (PendingMessage p : unsent) {
            conversationFor(p.conversationId()).queue(p);
            transmit(p);
        }
    }

    private void listed(List<ConversationInfo> list) {
        boolean first = !listed;
        listed = true;
        list.forEach(model::put);
        if (first) {
            if (!openAtStart.isBlank()) {
                commands.run("/open " + openAtStart);
            } else if (model.selected().isEmpty() && !list.isEmpty()) {
                select(model.ordered().getFirst().id());
            }
            lookUpPresence(list);
        }
    }

    private void lookUpPresence(List<ConversationInfo> list) {
        List<String> people = list.stream().filter(c -> "direct".equals(c.kind()))
                .map(c -> model.conversation(c.id()).flatMap(ConversationState::other))
                .flatMap(java.util.Optional::stream).map(u -> u.username()).distinct().limit(100).toList();
        background(() -> people.stream().map(d.link()::user).toList(),
                profiles -> profiles.forEach(p -> model.presence(p.id(), p.online())), e -> { });
    }

    /** Ctrl+C, Ctrl+D, /quit: closes the socket (unsent messages stay on disk for next time) and ends the loop. */
    void quit() {
        if (quitting) {
            return;
        }
        quitting = true;
        d.link().close();
        d.loop().stop();
    }

    boolean quitting() {
        return quitting;
    }

    /** End of input in line mode: wait (a while) for what is still going out, then quit. */
    void endOfInput() {
        drainUntil = d.clock().millis() + DRAIN_MS;
    }

    // ---- the network

    void frame(Frame frame) {
        long now = d.clock().millis();
        switch (frame) {
            case Frame.Hello h -> maxBody = h.maxBody() > 0 ? h.maxBody() : maxBody;
            case Frame.Message m -> message(m);
            case Frame.Synced s -> s.conversations().forEach(state -> {
                if (model.conversation(state.conversationId()).isEmpty()) {
                    conversationFor(state.conversationId());
                }
            });
            case Frame.Read r -> model.conversation(r.conversationId()).ifPresent(c -> c.read(r.user(), r.seq()));
            case Frame.Delivered x -> model.conversation(x.conversationId())
                    .ifPresent(c -> c.delivered(x.user(), x.seq()));
            case Frame.Typing t -> model.conversation(t.conversationId())
                    .ifPresent(c -> c.typing(t.user(), now + TYPING_SHOWN_MS));
            case Frame.Presence p -> {
                model.learn(p.user(), p.username());
                model.presence(p.user(), "online".equals(p.status()));
            }
            case Frame.ConversationChanged cc -> changed(cc);
            case Frame.Error e -> {
                if (e.ref() == null || e.ref().isBlank()) {
                    notice("server: " + e.message());
                }
            }
            default -> {
            }
        }
    }

    private void message(Frame.Message m) {
        model.learn(m.from(), m.fromUsername());
        ConversationState c = conversationFor(m.conversationId());
        boolean ours = m.clientId() != null && c.pending().stream().anyMatch(p -> p.clientId().equals(m.clientId()));
        if (!c.add(m)) {
            return;
        }
        if (ours) { // stored for sure, even if its ack is still on the way
            forget(m.clientId());
        }
        d.out().message(c, m);
        if (!m.from().equals(model.self().id())) {
            deliveredToSend.merge(c.id(), m.seq(), Math::max);
            if (!onScreen(c)) {
                toNotify.put(c.id(), m);
            }
        }
    }

    private void changed(Frame.ConversationChanged cc) {
        ConversationInfo info = cc.conversation();
        if ("removed".equals(cc.change())) {
            String title = model.conversation(info.id()).map(ConversationState::title).orElse("a conversation");
            model.remove(info.id());
            notice("you are no longer in " + title);
        } else {
            model.put(info);
        }
    }

    /** The state of a conversation, made (and described by the server, in the background) when new to us. */
    ConversationState conversationFor(String id) {
        return model.conversation(id).orElseGet(() -> {
            ConversationState placeholder = model.put(new ConversationInfo(id, "group", "…", List.of(), null, 0, 0, 0));
            background(() -> d.link().conversation(id), model::put, e -> { });
            return placeholder;
        });
    }

    private void linkState(ChatSocket.State state, String detail, long retryAt) {
        switch (state) {
            case CONNECTING -> model.link(ChatModel.Link.CONNECTING, 0);
            case ONLINE -> {
                model.link(ChatModel.Link.ONLINE, 0);
                if (!listed || wasOnline) { // missed while offline: new titles, members, conversations
                    background(d.link()::conversations, this::listed, e -> { });
                }
                wasOnline = true;
            }
            case RECONNECTING -> model.link(ChatModel.Link.RECONNECTING, retryAt);
            case CLOSED -> {
                model.link(ChatModel.Link.OFFLINE, 0);
                if (!quitting) {
                    notice("offline for good: " + detail + ". Unsent messages are kept; log in again with"
                            + " `urulink login` and restart the chat.");
                }
            }
        }
        d.out().link(ChatScreen.linkText(model, d.clock().millis()) + (state == ChatSocket.State.RECONNECTING
                ? " (" + detail.replaceFirst("; retrying in \\d+ ms$", "") + ")" : ""));
    }

    // ---- typing and sending

    private void ready() {
        ready = true;
        drainTyped();
    }

    /** A command that picks the conversation (/open, /group) is waiting for the server, or it answered. */
    void awaiting(boolean now) {
        awaiting = now;
        if (!now) {
            drainTyped();
        }
    }

    private void drainTyped() {
        while (ready && !awaiting && !typedAhead.isEmpty() && !quitting) {
            handle(typedAhead.removeFirst());
        }
    }

    /** A line was entered: a command, or a message for the open conversation. */
    void submit(String line) {
        if (line.isBlank()) {
            return;
        }
        if (!ready || awaiting || !typedAhead.isEmpty()) {
            typedAhead.addLast(line);
            return;
        }
        handle(line);
    }

    private void handle(String line) {
        if (SlashCommand.parse(line).isPresent()) {
            commands.run(line);
            return;
        }
        model.selected().ifPresentOrElse(c -> send(c, SlashCommand.message(line), List.of()),
                () -> notice("no conversation open: /open <user> first, or F1 for help"));
    }

    void send(ConversationState c, String body, List<Attachment> files) {
        if (body.getBytes(StandardCharsets.UTF_8).length > maxBody) {
            notice("too long: a message holds at most " + maxBody + " bytes");
            return;
        }
        PendingMessage p = PendingMessage.queued(UUID.randomUUID().toString(), c.id(), body, files,
                d.clock().millis());
        try {
            d.outbox().add(p);
        } catch (UncheckedIOException e) {
            notice(e.getMessage() + "; sending anyway");
        }
        c.queue(p);
        c.scroll(0);
        typingSentAt = 0;
        transmit(p);
    }

    private void transmit(PendingMessage p) {
        d.link().send(p.frame()).whenComplete((ack, err) -> d.loop().execute(() -> transmitted(p, ack, err)));
    }

    private void transmitted(PendingMessage p, Frame.Ack ack, Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (cause == null) {
            forget(p.clientId());
            model.conversation(p.conversationId()).ifPresent(c -> c.acked(p.clientId(), ack.seq()));
        } else if (cause instanceof ApiException refused) {
            forget(p.clientId());
            model.conversation(p.conversationId()).ifPresent(c -> c.refused(p.clientId(), refused.getMessage()));
            notice("not sent: " + refused.getMessage());
        }
        // Anything else: the socket closed (quit, revoked login); the message stays on disk for next time.
    }

    private void forget(String clientId) {
        try {
            d.outbox().remove(clientId);
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    /** A key that changed the input: tell the others we are typing (not too often, never for commands). */
    void typed() {
        String text = model.input().text();
        long now = d.clock().millis();
        model.selected().ifPresent(c -> {
            if (text.isBlank() || text.startsWith("/")) {
                return;
            }
            if (!c.id().equals(typingSentFor) || now - typingSentAt >= TYPING_SENT_EVERY_MS) {
                if (d.link().sendNow(new Frame.Typing(c.id(), null))) {
                    typingSentAt = now;
                    typingSentFor = c.id();
                }
            }
        });
    }

    // ---- the view

    void select(String conversationId) {
        model.select(conversationId);
        model.dismissNotice();
        model.selected().ifPresent(this::loadNewest);
    }

    void cycle(int step) {
        model.cycle(step);
        model.dismissNotice();
        model.selected().ifPresent(this::loadNewest);
    }

    private void loadNewest(ConversationState c) {
        if (c.newestLoaded() || c.loading()) {
            if (c.newestLoaded()) {
                d.out().opened(c);
            }
            return;
        }
        c.loading(true);
        background(() -> d.link().messages(c.id(), HistoryQuery.newest(PAGE)), page -> {
            c.page(page, false);
            d.out().opened(c);
        }, e -> {
            c.loading(false);
            notice("cannot load " + c.title() + ": " + reason(e));
        });
    }

    /** The screen shows the top of what is loaded: fetch the page before it. */
    void loadOlder(ConversationState c) {
        if (!c.hasOlder() || c.loading() || !c.newestLoaded() || c.oldestSeq().isEmpty()) {
            return;
        }
        c.loading(true);
        long before = c.oldestSeq().get();
        background(() -> d.link().messages(c.id(), HistoryQuery.before(before, PAGE)), page -> c.page(page, true),
                e -> {
                    c.loading(false);
                    notice("cannot load older messages: " + reason(e));
                });
    }

    /** After a redraw: keep the scroll within what exists, and load older messages when their top shows. */
    void rendered(Screen screen) {
        model.selected().ifPresent(c -> {
            if (c.scroll() > screen.maxScroll() && !c.loading()) {
                c.scroll(screen.maxScroll());
            }
            if (screen.wantsOlder()) {
                loadOlder(c);
            }
        });
    }

    private boolean onScreen(ConversationState c) {
        return model.selected().map(s -> s.id().equals(c.id())).orElse(false) && c.scroll() == 0;
    }

    /** After each batch of events: receipts out, notifications, and the end of a drain in line mode. */
    void afterBatch() {
        model.selected().filter(this::onScreen).ifPresent(c -> {
            long seq = c.markRead();
            if (seq > 0) {
                readToSend.merge(c.id(), seq, Math::max);
            }
        });
        readToSend.entrySet().removeIf(e -> d.link().sendNow(new Frame.Read(e.getKey(), e.getValue(), null)));
        deliveredToSend.entrySet().removeIf(e -> d.link().sendNow(new Frame.Delivered(e.getKey(), e.getValue(), null)));
        if (!toNotify.isEmpty()) {
            d.notifier().bell();
            toNotify.forEach((id, m) -> model.conversation(id).ifPresent(c -> d.notifier().message(
                    c.isGroup() ? model.username(m.from()) + " in " + c.title() : model.username(m.from()),
                    m.body() == null || m.body().isBlank() ? "[file]" : m.body())));
            toNotify.clear();
        }
        boolean settled = typedAhead.isEmpty() && !awaiting && inFlight == 0 && model.waiting() == 0;
        if (drainUntil > 0 && (settled || d.clock().millis() >= drainUntil)) {
            long left = model.waiting();
            if (left > 0) {
                notice(left + (left == 1 ? " message is" : " messages are") + " not sent yet; they go out the next"
                        + " time the chat runs");
            }
            quit();
        }
    }

    // ---- helpers for commands

    void notice(String line) {
        d.out().notice(List.of(line));
    }

    /** Runs {@code call} on the HTTP executor; its answer (or failure) comes back on the UI thread. */
    <T> void background(Supplier<T> call, Consumer<T> then, Consumer<RuntimeException> failed) {
        inBackground(d.http(), call, then, failed);
    }

    /**
     * A command's call: lines typed after it wait until it is answered, so "/remove bob" then "/who" lists the
     * members without bob.
     */
    <T> void command(Supplier<T> call, Consumer<T> then, Consumer<RuntimeException> failed) {
        awaiting(true);
        background(call, answer -> {
            try {
                then.accept(answer);
            } finally {
                awaiting(false);
            }
        }, e -> {
            try {
                failed.accept(e);
            } finally {
                awaiting(false);
            }
        });
    }

    /** Like {@link #background}, on {@code executor} (the file transfers have their own). */
    <T> void inBackground(Executor executor, Supplier<T> call, Consumer<T> then, Consumer<RuntimeException> failed) {
        inFlight++;
        executor.execute(() -> {
            try {
                T answer = call.get();
                d.loop().execute(() -> {
                    inFlight--;
                    then.accept(answer);
                });
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "background call failed", e);
                d.loop().execute(() -> {
                    inFlight--;
                    failed.accept(e);
                });
            }
        });
    }

    static String reason(RuntimeException e) {
        if (e instanceof ServerUnreachableException) {
            return "the server cannot be reached";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
