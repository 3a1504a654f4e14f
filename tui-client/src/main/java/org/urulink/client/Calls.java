package org.urulink.client;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Blocking calls off the UI thread, their answers back on it, and typed lines kept in order around them: lines
 * typed before the chat is ready (conversations listed) or while a command waits for its answer are held, so
 * "/open bob" then "hi" sends "hi" to bob, and "/remove bob" then "/who" lists the members without bob.
 */
final class Calls {
    private static final System.Logger LOG = System.getLogger(Calls.class.getName());

    private final ChatController.Deps d;
    private final Consumer<String> handle;
    private final ArrayDeque<String> typedAhead = new ArrayDeque<>();
    private boolean ready;
    private boolean awaiting;
    private boolean stopped;
    private int inFlight;

    /** @param handle runs one typed line (a command or a message) */
    Calls(ChatController.Deps deps, Consumer<String> handle) {
        this.d = deps;
        this.handle = handle;
    }

    /** The chat can take lines now. */
    void ready() {
        ready = true;
        drain();
    }

    /** No more lines are run (the chat quits). */
    void stop() {
        stopped = true;
    }

    /** A line typed: run now, or after what is still waiting. */
    void submit(String line) {
        if (!ready || awaiting || !typedAhead.isEmpty()) {
            typedAhead.addLast(line);
            return;
        }
        handle.accept(line);
    }

    /** Nothing typed waits and no call is unanswered: line mode may end. */
    boolean settled() {
        return typedAhead.isEmpty() && !awaiting && inFlight == 0;
    }

    /** Runs {@code call} on the HTTP executor; its answer (or failure) comes back on the UI thread. */
    <T> void background(Supplier<T> call, Consumer<T> then, Consumer<RuntimeException> failed) {
        on(d.http(), call, then, failed);
    }

    /** A command's call: lines typed after it wait until it is answered. */
    <T> void command(Supplier<T> call, Consumer<T> then, Consumer<RuntimeException> failed) {
        awaiting = true;
        background(call, answer -> {
            try {
                then.accept(answer);
            } finally {
                answered();
            }
        }, e -> {
            try {
                failed.accept(e);
            } finally {
                answered();
            }
        });
    }

    /** Like {@link #background}, on {@code executor} (file transfers have their own). */
    <T> void on(Executor executor, Supplier<T> call, Consumer<T> then, Consumer<RuntimeException> failed) {
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

    private void answered() {
        awaiting = false;
        drain();
    }

    private void drain() {
        while (ready && !awaiting && !typedAhead.isEmpty() && !stopped) {
            handle.accept(typedAhead.removeFirst());
        }
    }
}
