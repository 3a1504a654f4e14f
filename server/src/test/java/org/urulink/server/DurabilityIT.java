package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What survives a restart on the same data directory. */
class DurabilityIT extends ServerIT {

    private void restart() {
        restartWith(c -> c);
    }

    @Test
    void accountsSurviveARestart() {
        var alice = server.account("alice");
        restart();
        var login = server.login("alice", TestServer.PASSWORD);
        assertEquals(200, login.status(), login.text());
        assertEquals(alice.id(), login.json().path("user").path("id").asText());
        assertEquals(409, server.register("alice", "another password").status());
        assertEquals(200, server.post("/token/refresh", null, Map.of("refreshToken", alice.refreshToken())).status(),
                "the login and its refresh token survive too");
    }

    @Test
    void conversationsAndHistorySurviveARestart() {
        var alice = server.account("alice");
        server.account("bob");
        server.account("carol");
        String group = server.post("/conversations", alice.accessToken(), Map.of("title", "Kept", "members", List.of("bob", "carol")))
                .json().path("id").asText();
        for (int i = 1; i <= 3; i++) {
            server.post("/messages", alice.accessToken(), Map.of("client_id", "g" + i, "conversation_id", group, "body", "g" + i));
        }
        server.post("/messages", alice.accessToken(), Map.of("client_id", "d1", "to", "bob", "body", "direct"));
        restart();
        var alice2 = server.login("alice");
        var list = server.get("/conversations", alice2.accessToken()).json().path("conversations");
        assertEquals(2, list.size());
        var kept = server.get("/conversations/" + group, alice2.accessToken()).json();
        assertEquals("Kept", kept.path("title").asText());
        assertEquals(3, kept.path("members").size());
        var history = server.get("/conversations/" + group + "/messages", alice2.accessToken()).json().path("messages");
        assertEquals(List.of("g1", "g2", "g3"), bodies(history));
        JsonNode ack = server.post("/messages", alice2.accessToken(), Map.of("client_id", "g4", "conversation_id", group, "body", "g4")).json();
        assertEquals(4, ack.path("seq").asLong(), "seq continues after the restart");
        JsonNode resent = server.post("/messages", alice2.accessToken(), Map.of("client_id", "g1", "conversation_id", group, "body", "g1")).json();
        assertEquals(1, resent.path("seq").asLong(), "a client_id from before the restart still dedupes");
    }

    @Test
    void reconnectAfterARestartSyncsExactlyWhatWasMissed() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        String conv;
        long held;
        try (WsClient b = WsClient.ready(server, bob.accessToken())) {
            conv = server.post("/messages", alice.accessToken(), Map.of("client_id", "1", "to", "bob", "body", "m1")).json()
                    .path("conversation_id").asText();
            server.post("/messages", alice.accessToken(), Map.of("client_id", "2", "conversation_id", conv, "body", "m2"));
            held = b.received("message", 2, 10_000).getLast().path("seq").asLong();
            // Acked while bob is connected but after he last read: he must get these after the restart.
            server.post("/messages", alice.accessToken(), Map.of("client_id", "3", "conversation_id", conv, "body", "m3"));
            b.received("message", 3, 10_000);
        }
        assertEquals(2, held);
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            a.sendMessage(in(conv), "4", "m4");
            a.sendMessage(in(conv), "5", "m5");
        }
        restart();
        var bob2 = server.login("bob");
        try (WsClient b = WsClient.ready(server, bob2.accessToken())) {
            b.send(Map.of("type", "sync", "cursors", Map.of(conv, 3)));
            JsonNode synced = b.awaitType("synced");
            List<JsonNode> missed = b.before(synced, "message");
            assertEquals(List.of("m4", "m5"), missed.stream().map(m -> m.path("body").asText()).toList());
            assertEquals(List.of(4L, 5L), MessagingIT.seqs(missed));
            assertEquals(5, synced.path("conversations").path(0).path("last_seq").asLong());
            assertTrue(b.drainType("message", 300).isEmpty());
        }
    }

    @Test
    void clientsAreToldToReconnectWhenTheServerStops() {
        var alice = server.account("alice");
        WsClient a = WsClient.ready(server, alice.accessToken());
        server.close();
        assertEquals(1001, a.awaitClose(5));
        server = newServer(c -> c);
    }

    @Test
    void aUserOnlineWhenTheServerStopsIsLastSeenThen() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        server.post("/messages", bob.accessToken(), Map.of("client_id", "1", "to", "alice", "body", "hi"));
        WsClient a = WsClient.ready(server, alice.accessToken());
        long before = System.currentTimeMillis();
        server.close();
        a.awaitClose(5);
        server = newServer(c -> c);
        JsonNode view = server.get("/users/alice", server.login("bob").accessToken()).json();
        assertEquals(false, view.path("online").asBoolean(true), view.toString());
        assertTrue(view.path("last_seen").asLong() >= before, "last seen when the server stopped: " + view);
    }

    @Test
    void aSessionOpenedWhileTheServerStopsIsToldToReconnectToo() throws Exception {
        var alice = server.account("alice");
        var bob = server.account("bob");
        WsClient silent = WsClient.ready(server, alice.accessToken());
        silent.ws.abort(); // never answers the server's close, so the stop waits its full grace for it
        TestServer stopping = server;
        var stopped = java.util.concurrent.CompletableFuture.runAsync(stopping::close);
        Thread.sleep(300);
        WsClient late = WsClient.open(server, bob.accessToken());
        assertEquals(1001, late.awaitClose(5), "not cut off (1006) when the server goes");
        stopped.get(10, java.util.concurrent.TimeUnit.SECONDS);
        server = newServer(c -> c);
    }

    @Test
    void stoppingWithAVanishedClientStillClosesCleanly() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        WsClient gone = WsClient.ready(server, alice.accessToken());
        gone.ws.abort();
        String conv = server.post("/messages", bob.accessToken(), Map.of("client_id", "1", "to", "alice", "body", "last words"))
                .json().path("conversation_id").asText();
        assertDoesNotThrow(() -> server.close());
        server = newServer(c -> c);
        var history = server.get("/conversations/" + conv + "/messages", server.login("bob").accessToken()).json().path("messages");
        assertEquals(List.of("last words"), bodies(history));
    }

    private static List<String> bodies(JsonNode messages) {
        return java.util.stream.StreamSupport.stream(messages.spliterator(), false).map(m -> m.path("body").asText()).toList();
    }
}
