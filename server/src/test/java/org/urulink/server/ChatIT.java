package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatIT {
    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void twoUsersChatLive() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            a.send(Map.of("type", "send", "client_id", "c1", "to", "bob", "body", "hi bob"));
            JsonNode ack = a.awaitType("ack");
            assertEquals("c1", ack.path("client_id").asText());
            assertEquals(1, ack.path("seq").asLong());
            JsonNode msg = b.awaitType("message");
            assertEquals("hi bob", msg.path("body").asText());
            assertEquals(alice.id(), msg.path("from").asText());
            assertEquals("alice", msg.path("from_username").asText());
        }
    }
}
