package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A terminal for end-to-end tests: a tmux server of its own (own socket, no user config) with one session of a
 * fixed size running a script. Tests type with {@link #type}/{@link #keys} and read the screen with {@link #await}.
 */
final class Tmux implements AutoCloseable {
    private final String socket = "urulink-test-" + UUID.randomUUID();
    private final String session = "chat";

    /** Fails (never skips) when tmux is missing: test.sh installs it from Debian packages. */
    static void require() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fail("tmux is not installed, and the end-to-end test of `urulink chat` needs it: run ./test.sh, which"
                + " installs it (apt-get install tmux), or install tmux yourself");
    }

    /** Starts {@code sh script} in a {@code columns} x {@code rows} terminal. */
    Tmux(Path script, int columns, int rows) {
        run("new-session", "-d", "-s", session, "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                "sh " + script);
    }

    /** Text typed as is (no key names). */
    void type(String text) {
        run("send-keys", "-t", session, "-l", text);
    }

    /** Keys by tmux name: Enter, C-c, PPage, Tab... */
    void keys(String... names) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(names));
        run(args.toArray(String[]::new));
    }

    String screen() {
        return run("capture-pane", "-p", "-t", session);
    }

    /** Polls the screen until {@code test} holds; fails with the last screen after {@code timeout}. */
    String await(String what, Duration timeout, Predicate<String> test) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = screen();
            if (test.test(last)) {
                return last;
            }
            sleep(100);
        }
        fail("not on screen within " + timeout.toSeconds() + " s: " + what + "\n----\n" + last + "\n----");
        return last;
    }

    String awaitText(String text, Duration timeout) {
        return await("\"" + text + "\"", timeout, s -> s.contains(text));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String run(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("tmux " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run tmux", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            run("kill-server");
        } catch (IllegalStateException e) {
            // already gone
        }
    }
}
