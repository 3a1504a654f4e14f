package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.client.ApiClient;
import org.urulink.client.NotLoggedInException;
import org.urulink.client.Session;
import org.urulink.server.ChatServer;
import org.urulink.server.ServerConfig;

/** `urulink chat` with no stored login asks for one on the terminal, and keeps it for the next start. */
class FirstLoginTest {
    @TempDir
    static Path data;
    static ChatServer server;

    @TempDir
    Path config;

    @BeforeAll
    static void start() {
        server = ChatServer.start(ServerConfig.defaults(data).withPort(0)
                .with(b -> b.passwordHash(ClusterNodes.CHEAP)));
        ApiClient.anonymous(server.baseUri()).register("alice", "password-alice", "Alice");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void askedServerUserAndPasswordLogInAndAreStored() throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Session s = ask("\nalice\npassword-alice\n", screen);
        assertEquals("alice", s.credentials().user().username());
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertFalse(shown.contains("password-alice"), "the password is never echoed: " + shown.replace("\u001b", "ESC").replace("\r", "\\r").replace("\n", "\\n"));
        assertTrue(context("").credentials().load().isPresent(), "the next start needs no login");
    }

    @Test
    void endOfInputAtThePromptIsNotLoggedIn() {
        assertThrows(NotLoggedInException.class, () -> ask("", new ByteArrayOutputStream()));
    }

    private Session ask(String typed, ByteArrayOutputStream screen) throws IOException {
        java.io.PipedOutputStream keys = new java.io.PipedOutputStream();
        try (Terminal t = TerminalBuilder.builder().system(false).type("xterm-256color")
                .streams(new java.io.PipedInputStream(keys), screen).build()) {
            // As a real terminal once the line reader has it: what appears is what urulink draws, not an echo.
            t.echo(false);
            keys.write(typed.getBytes(StandardCharsets.UTF_8));
            keys.close();
            return ChatCommand.FirstLogin.ask(t, context(typed), null);
        }
    }

    private CliContext context(String stdin) {
        return new CliContext(Map.of("URULINK_SERVER", server.baseUri().toString()), config,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), CliContext::noTerminal,
                Clock.systemUTC(), ZoneOffset.UTC);
    }
}
