package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.server.ChatServer;
import org.urulink.server.ServerConfig;

/** {@code urulink chat --plain} in-process against a real server: lines in, messages out. */
class ChatCommandTest {
    @TempDir
    static Path data;
    static ChatServer server;
    static Map<String, String> env;
    static Cli alice;
    static Cli bob;

    @BeforeAll
    static void start() {
        server = ChatServer.start(ServerConfig.defaults(data.resolve("server")).withPort(0));
        env = Map.of("URULINK_SERVER", server.baseUri().toString(), "XDG_DATA_HOME", data.resolve("xdg-data").toString());
        alice = account("alice");
        bob = account("bob");
    }

    private static Cli account(String name) {
        Cli cli = new Cli(data.resolve(name + "-config"), env);
        String pw = "password-" + name + "\n";
        assertEquals(0, cli.runWithStdin(pw, "register", name, "--password-stdin").code());
        assertEquals(0, cli.runWithStdin(pw, "login", name, "--password-stdin").code());
        return cli;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void linesTypedAfterOpenGoToThatConversationExactlyOnce() {
        Cli.Result r = alice.runWithStdin("/open bob\nhello from the chat\n", "chat", "--plain");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().matches("(?s).*\\[bob] \\d\\d:\\d\\d alice: hello from the chat\\n.*"), r.out());
        String history = bob.run("history", "alice").out();
        assertEquals(1, history.split("alice: hello from the chat", -1).length - 1, history);
    }

    @Test
    void openingAConversationPrintsItsLatestMessages() {
        Cli.Result sent = bob.run("send", "alice", "are you coming?");
        assertEquals(0, sent.code(), sent.toString());
        Cli.Result r = alice.runWithStdin("", "chat", "--plain", "bob");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("-- bob\n"), r.out());
        assertTrue(r.out().matches("(?s).*\\[bob] \\d\\d:\\d\\d bob: are you coming\\?\\n.*"), r.out());
    }

    @Test
    void commandsAnswerInLines() {
        Cli.Result r = alice.runWithStdin("/group Lunch bob\n/who\n/frob\n", "chat", "--plain");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("-- Lunch (group of 2)"), r.out());
        assertTrue(r.out().contains("* Lunch: 2 members"), r.out());
        assertTrue(r.out().contains("* unknown command /frob"), r.out());
    }

    @Test
    void withoutALoginAndWithoutATerminalItExitsSix() {
        Cli.Result r = new Cli(data.resolve("nobody-config"), env).runWithStdin("", "chat", "--plain");
        assertEquals(ExitCodes.NOT_LOGGED_IN, r.code(), r.toString());
        assertTrue(r.err().contains("urulink login"), r.err());
    }

    @Test
    void aWrongSettingIsAUsageErrorNamingIt() throws Exception {
        Path config = data.resolve("settings-config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("chat.yaml"), "notify: notify-send\n");
        Cli.Result r = new Cli(config, env).runWithStdin("", "chat", "--plain");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("unknown setting \"notify\""), r.err());
    }

    @Test
    void helpListsKeysCommandsSettingsAndExamples() {
        String help = alice.run("chat", "--help").out();
        for (String s : new String[] {"Alt+Enter", "PgUp/PgDn", "/download <n> [path]", "notify-command", "--plain",
            "Examples:", "urulink chat bob"}) {
            assertTrue(help.contains(s), s + " in:\n" + help);
        }
        assertTrue(alice.run("--help").out().contains("urulink chat"));
    }
}
