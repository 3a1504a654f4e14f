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
    static Cli carol;

    @BeforeAll
    static void start() {
        server = ChatServer.start(ServerConfig.defaults(data.resolve("server")).withPort(0));
        env = Map.of("URULINK_SERVER", server.baseUri().toString(), "XDG_DATA_HOME", data.resolve("xdg-data").toString());
        alice = account("alice");
        bob = account("bob");
        carol = account("carol");
    }

    private static Cli account(String name) {
        return new Cli(data.resolve(name + "-config"), env).signUp(name);
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
    void aGroupIsMadeRenamedChangedAndLeft() {
        Cli.Result r = alice.runWithStdin("/group Trip bob\n/rename Road trip\n/add carol\n/remove bob\n/who\n/leave\n",
                "chat", "--plain");
        assertEquals(0, r.code(), r.toString());
        for (String s : new String[] {"* renamed to Road trip", "* added carol to Road trip", "* removed bob from Road trip",
            "* Road trip: 2 members", "carol — carol", "* you left Road trip"}) {
            assertTrue(r.out().contains(s), s + " in:\n" + r.out());
        }
        assertTrue(carol.run("send", "Road trip", "still here").out().startsWith("sent to Road trip"));
    }

    @Test
    void filesAreSharedWithSlashFileAndSavedWithSlashDownload() throws Exception {
        Path bobsDir = data.resolve("bob-config");
        Files.writeString(bobsDir.resolve("plan.txt"), "the plan");
        Cli.Result up = bob.runWithStdin("/open alice\n/file plan.txt\n", "chat", "--plain");
        assertEquals(0, up.code(), up.toString());
        assertTrue(up.out().matches("(?s).*\\[alice] \\d\\d:\\d\\d bob: \\n    \\[\\d+] plan.txt \\(8 B\\).*"), up.out());
        String numbered = alice.runWithStdin("", "chat", "--plain", "bob").out();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(\\d+)] plan.txt").matcher(numbered);
        assertTrue(m.find(), numbered);
        Cli.Result down = alice.runWithStdin("/download " + m.group(1) + " saved.txt\n", "chat", "--plain", "bob");
        assertTrue(down.out().contains("* saved "), down.out());
        assertEquals("the plan", Files.readString(data.resolve("alice-config").resolve("saved.txt")));
    }

    @Test
    void slashLogoutRevokesTheLoginAndForgetsIt() {
        Cli dave = account("dave");
        Cli.Result r = dave.runWithStdin("/logout\n", "chat", "--plain");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().endsWith("logged out\n"), r.out());
        assertEquals(ExitCodes.NOT_LOGGED_IN, dave.run("whoami").code());
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

    @Test
    void generateDocsWritesItsManPage(@TempDir Path out) throws Exception {
        Cli.Result r = alice.run("generate-docs", "--man-dir", out.toString());
        assertEquals(0, r.code(), r.toString());
        String man = Files.readString(out.resolve("urulink-chat.1"));
        assertTrue(man.contains("notify\\-command"), man);
    }
}
