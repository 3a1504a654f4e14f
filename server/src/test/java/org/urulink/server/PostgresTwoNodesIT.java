package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL database (sharing the signing key, as a cluster's nodes do): one user base and
 * one history, whichever node a request reaches. Live delivery between nodes is the bus's job, not tested here.
 */
class PostgresTwoNodesIT {
    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @TempDir
    Path dir;
    private TestServer a;
    private TestServer b;

    @BeforeEach
    void startNodes() {
        a = new TestServer(dir, DB::use);
        b = new TestServer(dir, DB::use);
    }

    @AfterEach
    void stopNodes() {
        a.close();
        b.close();
    }

    @Test
    void anAccountMadeOnOneNodeIsTakenAndLogsInOnTheOther() {
        var alice = a.account("alice");
        assertEquals(409, b.register("alice", "another password").status());
        var login = b.login("alice", TestServer.PASSWORD);
        assertEquals(alice.id(), login.json().path("user").path("id").asText());
        assertEquals(200, b.get("/conversations", alice.accessToken()).status(), "a token from one node works on both");
    }

    @Test
    void messagesSentThroughBothNodesShareOneGapFreeHistory() {
        var alice = a.account("alice");
        var bob = b.account("bob");
        String conv = a.post("/messages", alice.accessToken(), Map.of("client_id", "a0", "to", "bob", "body", "a0"))
                .json().path("conversation_id").asText();
        List<String> sent = new ArrayList<>(List.of("a0"));
        for (int i = 1; i < 10; i++) {
            b.post("/messages", bob.accessToken(), Map.of("client_id", "b" + i, "conversation_id", conv, "body", "b" + i));
            a.post("/messages", alice.accessToken(), Map.of("client_id", "a" + i, "conversation_id", conv, "body", "a" + i));
            sent.addAll(List.of("b" + i, "a" + i));
        }
        for (TestServer node : List.of(a, b)) {
            JsonNode history = node.get("/conversations/" + conv + "/messages?limit=100", bob.accessToken()).json()
                    .path("messages");
            assertEquals(sent, field(history, "body"));
            assertEquals(LongStream.rangeClosed(1, 19).mapToObj(Long::toString).toList(), field(history, "seq"));
        }
    }

    @Test
    void aMessageResentToTheOtherNodeIsStoredOnce() {
        var alice = a.account("alice");
        b.account("bob");
        JsonNode first = a.post("/messages", alice.accessToken(), Map.of("client_id", "x", "to", "bob", "body", "hi")).json();
        JsonNode again = b.post("/messages", alice.accessToken(), Map.of("client_id", "x", "to", "bob", "body", "hi")).json();
        assertEquals(first.path("id").asText(), again.path("id").asText());
        assertEquals(1, again.path("seq").asLong());
        String conv = first.path("conversation_id").asText();
        assertEquals(1, b.get("/conversations/" + conv + "/messages", alice.accessToken()).json().path("messages").size());
    }

    private static List<String> field(JsonNode messages, String name) {
        return StreamSupport.stream(messages.spliterator(), false).map(m -> m.path(name).asText()).toList();
    }
}
