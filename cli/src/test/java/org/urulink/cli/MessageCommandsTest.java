package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.protocol.Json;
import org.urulink.server.ChatServer;
import org.urulink.server.ServerConfig;

/** send and history between two users, each with their own config dir, against a real server. */
class MessageCommandsTest {
    @TempDir
    static Path data;
    static ChatServer server;
    static Cli alice;
    static Cli bob;
    static Cli carol;

    @BeforeAll
    static void start() {
        server = ChatServer.start(ServerConfig.defaults(data).withPort(0));
        Map<String, String> env = Map.of("URULINK_SERVER", server.baseUri().toString());
        alice = account("alice", env);
        bob = account("bob", env);
        carol = account("carol", env);
    }

    private static Cli account(String name, Map<String, String> env) {
        return new Cli(data.resolve(name + "-config"), env).signUp(name);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> bodies(Cli.Result history) {
        return history.out().lines().map(l -> l.substring(l.indexOf(": ") + 2)).toList();
    }

    @Test
    void sendThenHistoryBetweenTwoUsers() {
        Cli.Result sent = alice.run("send", "bob", "hello", "bob");
        assertEquals(0, sent.code(), sent.toString());
        assertTrue(sent.out().matches("sent to bob \\(seq \\d+\\)\\n"), sent.out());
        Cli.Result reply = bob.run("send", "alice", "hi alice");
        assertEquals(0, reply.code(), reply.toString());

        Cli.Result history = bob.run("history", "alice");
        assertEquals(0, history.code(), history.toString());
        List<String> lines = history.out().lines().toList();
        assertTrue(lines.getFirst().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}  alice: hello bob"), lines.getFirst());
        assertTrue(lines.getLast().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}  bob: hi alice"), lines.getLast());
    }

    @Test
    void historyPrintsOldestFirstAndHonoursLimit() {
        for (int i = 1; i <= 4; i++) {
            assertEquals(0, carol.run("send", "alice", "n" + i).code());
        }
        assertEquals(List.of("n2", "n3", "n4"), bodies(alice.run("history", "carol", "--limit", "3")));
    }

    @Test
    void sendDashReadsTheMessageFromStdin() {
        Cli.Result sent = carol.runWithStdin("line one\nline two\n", "send", "bob", "-");
        assertEquals(0, sent.code(), sent.toString());
        Cli.Result history = bob.run("history", "carol", "--json", "--limit", "1");
        JsonNode m = parse(history.out().strip());
        assertEquals("line one\nline two", m.path("body").asText());
        List<String> human = bob.run("history", "carol", "--limit", "1").out().lines().toList();
        assertTrue(human.get(0).endsWith("  carol: line one"), human.get(0));
        assertEquals(" ".repeat(human.get(0).indexOf("line one")) + "line two", human.get(1));
    }

    @Test
    void historyJsonPrintsOneMessageObjectPerLine() {
        assertEquals(0, bob.run("send", "carol", "json me").code());
        Cli.Result history = carol.run("history", "bob", "--json");
        assertEquals(0, history.code(), history.toString());
        for (String line : history.out().lines().toList()) {
            JsonNode m = parse(line);
            assertTrue(m.has("message_id") && m.has("conversation_id") && m.has("seq") && m.has("from")
                    && m.has("from_username") && m.has("sent_at"), line);
            assertTrue(!m.has("type"), line);
        }
        assertEquals("json me", parse(history.out().lines().toList().getLast()).path("body").asText());
    }

    @Test
    void sendToAGroupByTitleAndReadItsHistory() {
        // Groups are made through the library; the CLI addresses them by exact title.
        org.urulink.client.Session s = org.urulink.client.Session.resume(
                org.urulink.client.CredentialsFile.in(alice.configDir()), java.time.Clock.systemUTC());
        org.urulink.client.ApiClient.of(s).createGroup("Weekend Trip", List.of("bob", "carol"));
        Cli.Result sent = bob.run("send", "Weekend Trip", "who drives?");
        assertEquals(0, sent.code(), sent.toString());
        assertTrue(sent.out().startsWith("sent to Weekend Trip (seq 1)"), sent.out());
        assertEquals(List.of("who drives?"), bodies(carol.run("history", "Weekend Trip")));
    }

    @Test
    void historyWithSomeoneNeverTalkedToPrintsNoMessages(@TempDir Path home) {
        Cli erin = new Cli(home, Map.of("URULINK_SERVER", server.baseUri().toString()));
        assertEquals(0, erin.runWithStdin("password-erin\n", "register", "erin", "--password-stdin").code());
        Cli.Result r = alice.run("history", "erin");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.out());
        assertEquals("no messages with erin yet\n", r.err());
    }

    @Test
    void sendToAConversationByIdNamesTheOtherPerson() {
        String id = org.urulink.client.ApiClient.of(org.urulink.client.Session.resume(
                org.urulink.client.CredentialsFile.in(bob.configDir()), java.time.Clock.systemUTC()))
                .direct("carol").id();
        Cli.Result sent = bob.run("send", id, "by id");
        assertEquals(0, sent.code(), sent.toString());
        assertTrue(sent.out().startsWith("sent to carol (seq "), sent.out());
        assertEquals("by id", bodies(carol.run("history", id, "--limit", "1")).getFirst());
    }

    @Test
    void sendToAnUnknownUserExitsNotFound() {
        Cli.Result r = alice.run("send", "nobody", "hello?");
        assertEquals(ExitCodes.NOT_FOUND, r.code(), r.toString());
        assertEquals("urulink: no user or conversation named \"nobody\"\n", r.err());
    }

    @Test
    void historyWithAnUnknownUserExitsNotFound() {
        Cli.Result r = alice.run("history", "nobody");
        assertEquals(ExitCodes.NOT_FOUND, r.code(), r.toString());
        assertEquals("urulink: no user or conversation named \"nobody\"\n", r.err());
    }

    @Test
    void sendWithoutLoginExitsNotLoggedIn(@TempDir Path empty) {
        Cli.Result r = new Cli(empty, Map.of("URULINK_SERVER", server.baseUri().toString())).run("send", "bob", "x");
        assertEquals(ExitCodes.NOT_LOGGED_IN, r.code(), r.toString());
    }

    @Test
    void sendingAnEmptyMessageIsAUsageError() {
        Cli.Result r = alice.runWithStdin("", "send", "bob", "-");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
    }

    @Test
    void sendToAStoppedServerExitsServerUnreachable(@TempDir Path otherData, @TempDir Path home) {
        ChatServer other = ChatServer.start(ServerConfig.defaults(otherData).withPort(0));
        String url = other.baseUri().toString();
        Cli dave = new Cli(home, Map.of("URULINK_SERVER", url));
        dave.runWithStdin("password-dave\n", "register", "dave", "--password-stdin");
        dave.runWithStdin("password-dave\n", "login", "dave", "--password-stdin");
        other.close();
        Cli.Result r = dave.run("send", "bob", "anyone?");
        assertEquals(ExitCodes.SERVER_UNREACHABLE, r.code(), r.toString());
        assertTrue(r.err().startsWith("urulink: cannot reach the server at " + url + " (connection refused)"), r.err());
    }

    private static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
