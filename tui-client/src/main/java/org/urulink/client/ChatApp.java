package org.urulink.client;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jline.terminal.Terminal;

/**
 * {@code urulink chat}: wires a login, the server link, the outbox on disk, the loop and a front end together,
 * and runs until the user quits. Full screen on a terminal, or lines ({@code --plain}).
 */
public final class ChatApp {
    /** The keepalive pings every 10 s and gives up on a link silent for 20 s: a dead one is noticed within 30 s. */
    static final ChatSocket.Options SOCKET =
            new ChatSocket.Options(Duration.ofMillis(500), Duration.ofSeconds(30), 500, Duration.ofSeconds(10));

    /**
     * @param env     the environment ({@code XDG_DATA_HOME} for the outbox)
     * @param home    the home directory, when {@code XDG_DATA_HOME} is unset
     * @param workDir where {@code /file} and {@code /download} paths start
     * @param open    a user or group to open at start; empty for the newest conversation
     */
    public record Options(ChatSettings settings, Map<String, String> env, Path home, Path workDir, ZoneId zone,
                          Clock clock, String open) {
    }

    /** How the chat ended. {@code unsent}: messages still on disk, to go out next time. */
    public record Result(long unsent, boolean loggedOut) {
    }

    private ChatApp() {
    }

    public static Result fullScreen(Terminal terminal, Session session, TokenStore store, Options options) {
        return fullScreen(terminal, new ServerLink(session, store, SOCKET), session.credentials(), outbox(session, options),
                options, store);
    }

    /** Line mode: {@code terminal} says whether {@code out} is one (for the bell). */
    public static Result plain(BufferedReader in, PrintWriter out, boolean terminal, Session session, TokenStore store,
                               Options options) {
        return plain(in, out, terminal, new ServerLink(session, store, SOCKET), session.credentials(),
                outbox(session, options), options, store);
    }

    static Result fullScreen(Terminal terminal, ChatLink link, Credentials login, OutboxFile outbox, Options options,
                             TokenStore store) {
        EventLoop loop = new EventLoop();
        FullScreen screen = new FullScreen(terminal, loop, options.clock());
        Notifier notifier = new Notifier(options.settings(), screen::bell);
        return run(link, login, outbox, options, store, loop, screen, notifier, screen::run);
    }

    static Result plain(BufferedReader in, PrintWriter out, boolean terminal, ChatLink link, Credentials login,
                        OutboxFile outbox, Options options, TokenStore store) {
        EventLoop loop = new EventLoop();
        PlainLines lines = new PlainLines(in, out, terminal, loop);
        Notifier notifier = new Notifier(options.settings(), lines::bell);
        return run(link, login, outbox, options, store, loop, lines, notifier, lines::run);
    }

    private static Result run(ChatLink link, Credentials login, OutboxFile outbox, Options options, TokenStore store,
                              EventLoop loop, ChatOutput out, Notifier notifier,
                              java.util.function.Consumer<ChatController> front) {
        ExecutorService http = Executors.newSingleThreadExecutor(daemon("urulink-chat-http"));
        ExecutorService files = Executors.newSingleThreadExecutor(daemon("urulink-chat-files"));
        ChatModel model = new ChatModel(login.user(), label(login), options.zone());
        ChatController chat = new ChatController(new ChatController.Deps(model, link, outbox, loop,
                http, files, out, notifier, options.clock(), options.workDir()));
        loop.execute(() -> chat.start(options.open()));
        try {
            front.accept(chat);
        } finally {
            link.close();
            http.shutdownNow();
            files.shutdownNow();
        }
        return new Result(model.waiting(), store.load().isEmpty());
    }

    private static OutboxFile outbox(Session session, Options options) {
        Credentials c = session.credentials();
        return OutboxFile.forAccount(options.env(), options.home(), c.server(), c.user().username());
    }

    private static String label(Credentials c) {
        return c.server().getAuthority() == null ? c.server().toString() : c.server().getAuthority();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
