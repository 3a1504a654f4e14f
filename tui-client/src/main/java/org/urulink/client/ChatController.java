package org.urulink.client;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.Frame;

/**
 * The chat's behaviour, on the UI thread: start-up (outbox, conversation list, socket from cursors), network
 * frames and connection changes into the model, typed lines to {@link ChatCommands} or {@link Outgoing}, and
 * after each batch {@link Receipts}. Blocking calls go through {@link Calls}, history through {@link Pages}.
 */
final class ChatController {
    static final long TYPING_SHOWN_MS = 6_000;
    static final long NOTICE_MS = 10_000;
    static final long DRAIN_MS = 10_000;

    /** What the controller works with; {@code workDir} is where /file and /download paths start. */
    record Deps(ChatModel model, ChatLink link, OutboxFile outbox, EventLoop loop, Executor http, Executor files,
                ChatOutput out, Notifier notifier, Clock clock, java.nio.file.Path workDir) {
    }

    private final Deps d;
    private final ChatModel model;
    private final ChatCommands commands;
    private final Outgoing outgoing;
    private final Receipts receipts;
    private final Calls calls;
    private final Pages pages;
    private boolean listed;
    private boolean wasOnline;
    private String openAtStart = "";
    private long drainUntil;
    private boolean quitting;

    ChatController(Deps deps) {
        this.d = deps;
        this.model = deps.model();
        this.calls = new Calls(deps, this::handle);
        this.pages = new Pages(deps, calls, this::notice);
        this.commands = new ChatCommands(this, deps);
        this.outgoing = new Outgoing(deps, this::notice);
        this.receipts = new Receipts(deps);
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
            calls.ready();
        }, e -> {
            notice("cannot list conversations: " + reason(e) + "; retrying when connected");
            startLink(resend);
            calls.ready();
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
            outgoing.transmit(p);
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
        calls.stop();
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
            case Frame.Hello h -> outgoing.maxBody(h.maxBody());
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
            outgoing.forget(m.clientId());
        }
        d.out().message(c, m);
        if (!m.from().equals(model.self().id())) {
            receipts.arrived(c, m, onScreen(c));
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

    /** A line was entered: a command, or a message for the open conversation (in the order typed). */
    void submit(String line) {
        if (!line.isBlank()) {
            calls.submit(line);
        }
    }

    private void handle(String line) {
        if (SlashCommand.parse(line).isPresent()) {
            commands.run(line);
            return;
        }
        model.selected().ifPresentOrElse(c -> outgoing.send(c, SlashCommand.message(line), List.of()),
                () -> notice("no conversation open: /open <user> first, or F1 for help"));
    }

    // ---- the view

    void select(String conversationId) {
        model.select(conversationId);
        model.dismissNotice();
        model.selected().ifPresent(pages::opened);
    }

    void cycle(int step) {
        model.cycle(step);
        model.dismissNotice();
        model.selected().ifPresent(pages::opened);
    }

    private boolean onScreen(ConversationState c) {
        return model.selected().map(s -> s.id().equals(c.id())).orElse(false) && c.scroll() == 0;
    }

    /** After each batch of events: receipts out, notifications, and the end of a drain in line mode. */
    void afterBatch() {
        receipts.flush(model.selected().filter(this::onScreen));
        boolean settled = calls.settled() && model.waiting() == 0;
        if (drainUntil > 0 && (settled || d.clock().millis() >= drainUntil)) {
            quit(); // what is still unsent stays in the outbox; the command says so
        }
    }

    // ---- helpers for commands and keys

    /** A message (or a file, with an empty body) for {@code c}. */
    void send(ConversationState c, String body, List<Attachment> files) {
        outgoing.send(c, body, files);
    }

    void typed() {
        outgoing.typed();
    }

    void notice(String line) {
        d.out().notice(List.of(line));
    }

    <T> void background(Supplier<T> call, Consumer<T> then, Consumer<RuntimeException> failed) {
        calls.background(call, then, failed);
    }

    <T> void command(Supplier<T> call, Consumer<T> then, Consumer<RuntimeException> failed) {
        calls.command(call, then, failed);
    }

    <T> void inBackground(Executor executor, Supplier<T> call, Consumer<T> then, Consumer<RuntimeException> failed) {
        calls.on(executor, call, then, failed);
    }

    /** After a redraw (full screen). */
    void rendered(Screen screen) {
        pages.rendered(screen);
    }

    static String reason(RuntimeException e) {
        if (e instanceof ServerUnreachableException) {
            return "the server cannot be reached";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
