package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.server.ChatServer;
import org.urulink.server.ServerConfig;

/**
 * The real {@code urulink chat} (a child JVM on this class path) in a 120x40 tmux terminal against a real server
 * on 127.0.0.1: typing, an incoming message with its unread count, a server restart, and a message typed while
 * the server is down that arrives exactly once when it is back.
 */
class ChatTmuxIT {
    static final Duration SHORT = Duration.ofSeconds(20);
    static final Duration RECONNECT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void twoPeopleChatInTheTerminalThroughAServerRestart() throws Exception {
        Tmux.require();
        ServerConfig config = ServerConfig.defaults(dir.resolve("server")).withPort(0);
        ChatServer server = ChatServer.start(config);
        int port = server.port();
        Map<String, String> env = Map.of("URULINK_SERVER", server.baseUri().toString());
        Cli alice = account("alice", env);
        Cli bob = account("bob", env);
        Cli carol = account("carol", env);
        assertEquals(0, bob.run("send", "alice", "hi alice, it's bob").code());

        try (Tmux term = new Tmux(script("alice", env), 120, 40)) {
            term.awaitText("· connected", SHORT);
            term.awaitText("hi alice, it's bob", SHORT);

            // A message typed there reaches another user.
            term.type("hello bob, from the terminal");
            term.keys("Enter");
            awaitHistory(bob, "alice", "alice: hello bob, from the terminal");
            term.awaitText("alice: hello bob, from the terminal " + "✓", SHORT);

            // An incoming message appears, with the right unread count in the list.
            assertEquals(0, carol.run("send", "alice", "lunch today?").code());
            assertEquals(0, carol.run("send", "alice", "at noon").code());
            term.await("carol on top of the list with 2 unread", SHORT, screen -> {
                List<String> rows = screen.lines().toList();
                return rows.size() > 2 && rows.get(1).startsWith("○ carol") && rows.get(1).matches(".* 2▏.*")
                        && rows.get(2).contains("at noon");
            });
            assertTrue(term.screen().lines().skip(3).findFirst().orElseThrow().contains("bob"), "bob below carol");

            // The server goes away: the client says so, and what is typed now waits.
            server.close();
            term.awaitText("offline", SHORT);
            term.type("typed while the server was down");
            term.keys("Enter");
            term.awaitText("1 waiting to be sent", SHORT);
            term.awaitText("alice: typed while the server was down …", SHORT);

            // Back on the same port and data; bob writes before alice's chat is back.
            server = ChatServer.start(config.withPort(port));
            assertEquals(0, bob.run("send", "alice", "sent while you were away").code());
            term.awaitText("bob: sent while you were away", RECONNECT);
            term.await("connected, nothing waiting", SHORT,
                    s -> s.contains("· connected") && !s.contains("waiting to be sent"));
            awaitHistory(bob, "alice", "alice: typed while the server was down");
            ChatTmuxIT.sleep(1500); // a second send would take well under this
            String history = bob.run("history", "alice").out();
            assertEquals(1, count(history, "alice: typed while the server was down"), history);
            assertEquals(1, count(history, "alice: hello bob, from the terminal"), history);
            assertEquals(1, count(term.screen(), "alice: typed while the server was down"), term.screen());

            term.keys("C-c");
            String end = term.awaitText("EXIT=", SHORT);
            assertTrue(end.contains("EXIT=0"), end);
            assertFalse(end.contains("Exception"), end);
        } finally {
            server.close();
        }
    }

    private Cli account(String name, Map<String, String> env) {
        return new Cli(dir.resolve(name + "-config").resolve("urulink"), env).signUp(name);
    }

    /** A script that runs {@code urulink chat} as {@code name} in a JVM like this one, then shows its exit code. */
    private Path script(String name, Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        StringBuilder s = new StringBuilder("#!/bin/sh\n");
        env.forEach((k, v) -> s.append("export ").append(k).append('=').append(quote(v)).append('\n'));
        s.append("export XDG_CONFIG_HOME=").append(quote(dir.resolve(name + "-config").toString())).append('\n');
        s.append("export XDG_DATA_HOME=").append(quote(dir.resolve(name + "-data").toString())).append('\n');
        s.append("cd ").append(quote(dir.toString())).append('\n');
        s.append(quote(java)).append(" --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -cp ")
                .append(quote(System.getProperty("java.class.path"))).append(' ').append(Main.class.getName())
                .append(" chat 2>").append(quote(dir.resolve(name + "-stderr.txt").toString())).append('\n');
        s.append("echo EXIT=$?\nsleep 600\n");
        Path file = dir.resolve(name + "-chat.sh");
        Files.writeString(file, s.toString());
        return file;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static void awaitHistory(Cli user, String with, String line) {
        long deadline = System.nanoTime() + SHORT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = user.run("history", with).out();
            if (last.contains(line)) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("\"" + line + "\" not in the history within " + SHORT.toSeconds() + " s:\n" + last);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    static void sleep(long millis) {
        Tmux.sleep(millis);
    }
}
