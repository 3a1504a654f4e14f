package org.urulink.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jline.terminal.Size;
import org.jline.terminal.impl.DumbTerminal;

/**
 * The full-screen chat on JLine's {@link DumbTerminal} over piped streams (typed as xterm, so keys and screen
 * use real sequences), against a {@link FakeLink}. Tests type keys and look at the model and the drawn screen,
 * always through the UI thread's loop.
 */
final class ChatHarness implements AutoCloseable {
    static final long T0 = 1_764_072_000_000L; // 2025-11-25 12:00 UTC

    final FakeLink link;
    final TestClock clock = new TestClock(T0);
    final PipedOutputStream keys = new PipedOutputStream();
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final DumbTerminal terminal;
    final EventLoop loop = new EventLoop();
    final ChatModel model;
    final ChatController chat;
    final OutboxFile outbox;
    final List<String> bells = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread ui;
    private volatile Throwable failed;

    ChatHarness(FakeLink link, Path dir, int columns, int rows) {
        this(link, new OutboxFile(dir.resolve("outbox.json")), dir, columns, rows, ChatSettings.DEFAULTS);
    }

    ChatHarness(FakeLink link, OutboxFile outbox, Path dir, int columns, int rows, ChatSettings settings) {
        this.link = link;
        this.outbox = outbox;
        try {
            terminal = new DumbTerminal("test", "xterm-256color", new PipedInputStream(keys, 1 << 16), output,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        terminal.setSize(new Size(columns, rows));
        model = new ChatModel(FakeLink.ALICE, "127.0.0.1:8080", ZoneOffset.UTC);
        FullScreen screen = new FullScreen(terminal, loop, clock);
        Executor direct = Runnable::run;
        Notifier notifier = new Notifier(settings, () -> bells.add("bell"));
        chat = new ChatController(new ChatController.Deps(model, link, outbox, loop, direct, direct, screen, notifier,
                clock, dir));
        loop.execute(() -> chat.start(""));
        ui = new Thread(() -> {
            try {
                screen.run(chat);
            } catch (Throwable t) {
                failed = t;
            }
        }, "test-ui");
        ui.start();
    }

    /** Types {@code text} (characters and escape sequences) into the terminal. */
    void type(String text) {
        try {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code query} on the UI thread and answers its result. */
    <T> T onLoop(Function<ChatModel, T> query) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                answer.complete(query.apply(model));
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        try {
            return answer.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the UI thread did not answer" + (failed != null ? ": " + failed : ""), e);
        }
    }

    Screen screen() {
        int cols = terminal.getSize().getColumns();
        int rows = terminal.getSize().getRows();
        return onLoop(m -> ChatScreen.render(m, cols, rows, clock.millis()));
    }

    /** Waits (up to 5 s) until {@code condition} holds on the UI thread. */
    void await(String what, Predicate<ChatModel> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (onLoop(condition::test)) {
                return;
            }
            sleep(10);
        }
        throw new AssertionError("not within 5 s: " + what + "\n" + screen().text());
    }

    /** Waits until the drawn screen contains {@code text}. */
    void awaitScreen(String text) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = screen().text();
            if (last.contains(text)) {
                return;
            }
            sleep(10);
        }
        throw new AssertionError("\"" + text + "\" not on screen within 5 s:\n" + last);
    }

    /** Waits until the chat has quit (its UI thread ended). */
    boolean ended(long millis) {
        try {
            ui.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failed != null) {
            throw new AssertionError("the UI thread failed", failed);
        }
        return !ui.isAlive();
    }

    String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        loop.execute(chat::quit);
        ended(5000);
        try {
            terminal.close();
        } catch (IOException e) {
            // closing a test terminal
        }
    }
}
