package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The original urulink's clients: bare-JWT Authorization, {@code /ws?receiver_id=}, seed frames. */
class SeedCompatIT extends ServerIT {

    /** Registers and logs in exactly as a seed client does, reading only {@code accessToken}. */
    private String seedLogin(String username) {
        var reg = server.post("/register", null, Map.of("username", username, "password", "seed password", "name", username));
        assertEquals(200, reg.status(), reg.text());
        var login = server.post("/login", null, Map.of("username", username, "password", "seed password"));
        assertEquals(200, login.status(), login.text());
        return login.json().path("accessToken").asText();
    }

    private String idOf(String token) {
        return Jwts.payload(token).path("uid").asText();
    }

    private static boolean isSeedFrame(JsonNode f) {
        return f.has("sender_id");
    }

    @Test
    void pairSessionReplaysHistoryOldestFirstThenLiveMessages() {
        String alice = seedLogin("alice");
        String bob = seedLogin("bob");
        server.post("/messages", alice, Map.of("client_id", "1", "to", "bob", "body", "first"));
        server.post("/messages", alice, Map.of("client_id", "2", "to", "bob", "body", "second"));
        long before = System.currentTimeMillis() / 1000;
        try (WsClient b = WsClient.seed(server, bob, idOf(alice))) {
            JsonNode one = b.await(SeedCompatIT::isSeedFrame);
            JsonNode two = b.await(SeedCompatIT::isSeedFrame);
            assertEquals("first", one.path("content").asText());
            assertEquals("second", two.path("content").asText());
            assertEquals(idOf(alice), one.path("sender_id").asText());
            assertEquals(idOf(bob), one.path("receiver_id").asText());
            assertEquals("text", one.path("content_type").asText());
            assertEquals("", one.path("file_path").asText());
            long createdAt = one.path("created_at").asLong();
            assertTrue(Math.abs(createdAt - before) < 60, "created_at is in seconds: " + createdAt);

            server.post("/messages", alice, Map.of("client_id", "3", "to", "bob", "body", "live"));
            assertEquals("live", b.await(SeedCompatIT::isSeedFrame).path("content").asText());
        }
    }

    @Test
    void receiverCanBeNamedByUsername() {
        String alice = seedLogin("alice");
        String bob = seedLogin("bob");
        server.post("/messages", alice, Map.of("client_id", "1", "to", "bob", "body", "by name"));
        try (WsClient b = WsClient.seed(server, bob, "alice")) {
            assertEquals("by name", b.await(SeedCompatIT::isSeedFrame).path("content").asText());
        }
    }

    @Test
    void bearerPrefixIsAcceptedToo() {
        String alice = seedLogin("alice");
        String bob = seedLogin("bob");
        server.post("/messages", alice, Map.of("client_id", "1", "to", "bob", "body", "hi"));
        try (WsClient b = WsClient.open(server.wsUri("/ws?receiver_id=alice"), Map.of("Authorization", "Bearer " + bob))) {
            assertEquals("hi", b.await(SeedCompatIT::isSeedFrame).path("content").asText());
        }
    }

    @Test
    void seedMessageIsStoredAndReachesANativeClient() {
        String alice = seedLogin("alice");
        String bob = seedLogin("bob");
        try (WsClient a = WsClient.ready(server, alice); WsClient b = WsClient.seed(server, bob, "alice")) {
            b.send(Map.of("content_type", "text", "content", "hi"));
            JsonNode m = a.awaitType("message");
            assertEquals("hi", m.path("body").asText());
            assertEquals(idOf(bob), m.path("from").asText());
            assertEquals(1, m.path("seq").asLong());
            var history = server.get("/conversations/" + m.path("conversation_id").asText() + "/messages", alice);
            assertEquals(1, history.json().path("messages").size());
        }
    }

    @Test
    void twoSeedClientsTalk() {
        String alice = seedLogin("alice");
        String bob = seedLogin("bob");
        try (WsClient a = WsClient.seed(server, alice, "bob"); WsClient b = WsClient.seed(server, bob, "alice")) {
            // A seed session sends no greeting, so wait until the server has counted bob's session.
            awaitOnline("bob", alice);
            a.send(Map.of("content_type", "text", "content", "hello bob"));
            JsonNode atBob = b.await(SeedCompatIT::isSeedFrame);
            assertEquals("hello bob", atBob.path("content").asText());
            assertEquals(idOf(alice), atBob.path("sender_id").asText());
            assertEquals(1, atBob.path("status").asInt(), "bob was online");
        }
    }

    @Test
    void statusIsOneWhenTheReceiverIsOnline() {
        String alice = seedLogin("alice");
        String bob = seedLogin("bob");
        try (WsClient b = WsClient.ready(server, bob); WsClient a = WsClient.seed(server, alice, "bob")) {
            a.send(Map.of("content_type", "text", "content", "are you there?"));
            b.awaitType("message");
        }
        try (WsClient a = WsClient.seed(server, alice, "bob")) {
            assertEquals(1, a.await(SeedCompatIT::isSeedFrame).path("status").asInt());
        }
    }

    @Test
    void statusIsTwoWhenTheReceiverWasOffline() {
        String alice = seedLogin("alice");
        String bob = seedLogin("bob");
        server.post("/messages", alice, Map.of("client_id", "1", "to", "bob", "body", "while you were out"));
        try (WsClient a = WsClient.seed(server, alice, "bob")) {
            assertEquals(2, a.await(SeedCompatIT::isSeedFrame).path("status").asInt());
        }
        // Still "offline when sent" after bob comes online and reads the replay.
        try (WsClient b = WsClient.seed(server, bob, "alice")) {
            assertEquals(2, b.await(SeedCompatIT::isSeedFrame).path("status").asInt());
        }
    }

    @Test
    void unknownReceiverIsRefusedAtUpgrade() {
        String alice = seedLogin("alice");
        assertEquals(404, WsClient.refusedStatus(server.wsUri("/ws?receiver_id=ghost"), Map.of("Authorization", alice)));
    }

    @Test
    void badTokenIsRefusedAtSeedUpgrade() {
        String alice = seedLogin("alice");
        seedLogin("bob");
        assertEquals(401, WsClient.refusedStatus(server.wsUri("/ws?receiver_id=bob"), Map.of("Authorization", Jwts.resignedWithOtherKey(alice))));
        assertEquals(401, WsClient.refusedStatus(server.wsUri("/ws?receiver_id=bob"), Map.of("Authorization", Jwts.unsigned(alice))));
        assertEquals(401, WsClient.refusedStatus(server.wsUri("/ws?receiver_id=bob"), Map.of()));
    }

    @Test
    void malformedSeedFrameAnswersAnErrorAndTheSessionStaysOpen() {
        String alice = seedLogin("alice");
        String bob = seedLogin("bob");
        try (WsClient b = WsClient.ready(server, bob); WsClient a = WsClient.seed(server, alice, "bob")) {
            a.send("{not json");
            assertFalse(a.await(f -> f.has("error")).path("error").asText().isEmpty());
            a.send(Map.of("content_type", "text"));
            assertFalse(a.await(f -> f.has("error")).path("error").asText().isEmpty());
            a.send(Map.of("content_type", "file", "content", "/etc/passwd"));
            assertFalse(a.await(f -> f.has("error")).path("error").asText().isEmpty());
            a.send(Map.of("content_type", "text", "content", "still works"));
            assertEquals("still works", b.awaitType("message").path("body").asText());
            assertTrue(a.isOpen());
        }
    }

    @Test
    void floodOfBadSeedFramesIsAnsweredAtMostTwentyOneTimes() {
        String alice = seedLogin("alice");
        String bob = seedLogin("bob");
        try (WsClient b = WsClient.ready(server, bob); WsClient a = WsClient.seed(server, alice, "bob")) {
            for (int i = 0; i < 100; i++) {
                a.send("{bad " + i);
            }
            a.send(Map.of("content_type", "text", "content", "after the flood"));
            assertEquals("after the flood", b.awaitType("message").path("body").asText());
            List<JsonNode> errors = a.drain(500).stream().filter(f -> f.has("error")).toList();
            assertTrue(errors.size() <= 21, "answers: " + errors.size());
            assertTrue(errors.getLast().path("error").asText().contains("too many"), errors.getLast().toString());
            assertTrue(a.isOpen());
        }
    }

    @Test
    void aLongHistoryIsReplayedWhole() throws Exception {
        String alice = seedLogin("alice");
        String bob = seedLogin("bob");
        // Past the 10,000 frames a session may have queued plus what the socket buffers hold.
        int n = 16_000;
        String pad = "x".repeat(1_000);
        try (WsClient a = WsClient.ready(server, alice)) {
            for (int i = 1; i <= n; i++) {
                a.send(Map.of("type", "send", "client_id", "h" + i, "to", "bob", "body", "m" + i + pad));
            }
            a.await(f -> ("h" + n).equals(f.path("client_id").asText()) && "ack".equals(f.path("type").asText()), 60_000);
        }
        // A client slow to start reading (bob reads nothing for a second) must still get it all, not be cut off.
        try (RawWsClient b = RawWsClient.open(server, "/ws?receiver_id=" + idOf(alice), bob)) {
            Thread.sleep(1_000);
            List<String> replayed = b.readAll(1_000);
            assertEquals(n, replayed.size(), "the last frame: " + replayed.getLast());
            assertTrue(replayed.getFirst().contains("\"content\":\"m1x"), replayed.getFirst());
            assertTrue(replayed.getLast().contains("\"content\":\"m" + n + "x"), replayed.getLast());
        }
    }

    @Test
    void seedSessionMarksItsUserOnline() {
        String alice = seedLogin("alice");
        String bob = seedLogin("bob");
        try (WsClient a = WsClient.seed(server, alice, "bob")) {
            a.drain(200);
            assertTrue(server.get("/users/alice", bob).json().path("online").asBoolean());
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (server.get("/users/alice", bob).json().path("online").asBoolean() && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(server.get("/users/alice", bob).json().path("online").asBoolean(), "offline once the seed session closes");
    }

    private void awaitOnline(String username, String token) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!server.get("/users/" + username, token).json().path("online").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(username + " did not come online within 5 s");
            }
            Thread.onSpinWait();
        }
    }
}
