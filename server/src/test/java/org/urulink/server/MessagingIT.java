package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class MessagingIT extends ServerIT {

    @Test
    void twoUsersChatLiveBothWays() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            a.sendMessage(to("bob"), "a1", "hi bob");
            JsonNode atBob = b.awaitType("message");
            assertEquals("hi bob", atBob.path("body").asText());
            assertEquals(alice.id(), atBob.path("from").asText());
            assertEquals("alice", atBob.path("from_username").asText());

            b.sendMessage(to("alice"), "b1", "hi alice");
            JsonNode atAlice = a.await(f -> "message".equals(f.path("type").asText()) && "hi alice".equals(f.path("body").asText()));
            assertEquals(bob.id(), atAlice.path("from").asText());
            assertEquals(atBob.path("conversation_id").asText(), atAlice.path("conversation_id").asText());
            assertEquals(2, atAlice.path("seq").asLong());
        }
    }

    @Test
    void ackCarriesTheSeqOfTheStoredMessage() {
        var alice = server.account("alice");
        server.account("bob");
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            JsonNode ack = a.sendMessage(to("bob"), "c1", "hello");
            assertEquals("ack", ack.path("type").asText());
            assertEquals(1, ack.path("seq").asLong());
            assertTrue(ack.path("sent_at").asLong() > 0);
            // The ack promises storage: the message is in the history the moment the ack is seen.
            var history = server.get("/conversations/" + ack.path("conversation_id").asText() + "/messages", alice.accessToken());
            assertEquals(1, history.json().path("messages").size());
            assertEquals(ack.path("message_id").asText(), history.json().path("messages").path(0).path("message_id").asText());
            assertEquals("c1", history.json().path("messages").path(0).path("client_id").asText());
        }
    }

    @Test
    void offlineUserGetsEverythingOnSyncInOrder() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        String conv = fiveMessagesToBob(alice);
        try (WsClient b = WsClient.ready(server, bob.accessToken())) {
            b.send(Map.of("type", "sync", "cursors", Map.of()));
            JsonNode synced = b.awaitType("synced");
            List<JsonNode> beforeSynced = collectedBefore(b, synced);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs(beforeSynced));
            assertEquals(conv, synced.path("conversations").path(0).path("conversation_id").asText());
            assertEquals(5, synced.path("conversations").path(0).path("last_seq").asLong());
            assertTrue(synced.path("conversations").path(0).path("complete").asBoolean());
            assertTrue(b.drainType("message", 300).isEmpty(), "no duplicate after synced");
        }
    }

    @Test
    void reconnectingWithACursorGetsOnlyWhatWasMissed() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            String conv;
            try (WsClient b = WsClient.ready(server, bob.accessToken())) {
                conv = a.sendMessage(to("bob"), "m1", "one").path("conversation_id").asText();
                a.sendMessage(in(conv), "m2", "two");
                assertEquals(List.of(1L, 2L), seqs(b.awaitTypes("message", 2)));
            }
            for (int i = 3; i <= 6; i++) {
                a.sendMessage(in(conv), "m" + i, "message " + i);
            }
            try (WsClient b = WsClient.ready(server, bob.accessToken())) {
                b.send(Map.of("type", "sync", "cursors", Map.of(conv, 2)));
                JsonNode synced = b.awaitType("synced");
                assertEquals(List.of(3L, 4L, 5L, 6L), seqs(collectedBefore(b, synced)));
                assertEquals(6, synced.path("conversations").path(0).path("last_seq").asLong());
            }
        }
    }

    @Test
    void syncWithALimitSaysIncompleteAndContinues() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        String conv = fiveMessagesToBob(alice);
        try (WsClient b = WsClient.ready(server, bob.accessToken())) {
            b.send(Map.of("type", "sync", "cursors", Map.of(), "limit", 3));
            JsonNode first = b.awaitType("synced");
            List<Long> got = new ArrayList<>(seqs(collectedBefore(b, first)));
            assertEquals(List.of(1L, 2L, 3L), got);
            assertFalse(first.path("conversations").path(0).path("complete").asBoolean());
            b.send(Map.of("type", "sync", "cursors", Map.of(conv, got.getLast()), "limit", 3));
            JsonNode second = b.awaitType("synced");
            assertEquals(List.of(4L, 5L), seqs(b.between(first, second, "message")));
            assertTrue(second.path("conversations").path(0).path("complete").asBoolean());
        }
    }

    @Test
    void syncWhileMessagesKeepArrivingMissesNothingAndRepeatsNothingAfterSynced() throws Exception {
        var alice = server.account("alice");
        var bob = server.account("bob");
        int total = 300;
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            String conv = a.sendMessage(to("bob"), "m1", "1").path("conversation_id").asText();
            for (int i = 2; i <= 100; i++) {
                a.send(Map.of("type", "send", "client_id", "m" + i, "conversation_id", conv, "body", "" + i));
            }
            a.received("ack", 100, 10_000);
            Thread sender = Thread.ofVirtual().start(() -> {
                for (int i = 101; i <= total; i++) {
                    a.send(Map.of("type", "send", "client_id", "m" + i, "conversation_id", conv, "body", "" + i));
                }
            });
            try (WsClient b = WsClient.ready(server, bob.accessToken())) {
                b.send(Map.of("type", "sync", "cursors", Map.of(conv, 0)));
                JsonNode synced = b.awaitType("synced");
                sender.join();
                List<JsonNode> all = b.receivedDistinctSeqs(total, 10_000);
                Set<Long> got = new TreeSet<>(seqs(all));
                assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), List.copyOf(got), "no gap");
                List<Long> afterSynced = seqs(all).subList(b.before(synced, "message").size(), all.size());
                List<Long> answer = seqs(b.before(synced, "message"));
                for (int i = 1; i < afterSynced.size(); i++) {
                    assertTrue(afterSynced.get(i) > afterSynced.get(i - 1), "ascending after synced: " + afterSynced);
                }
                long lastOfAnswer = answer.stream().mapToLong(Long::longValue).max().orElse(0);
                assertTrue(afterSynced.isEmpty() || afterSynced.getFirst() > lastOfAnswer,
                        "nothing the sync answer held is repeated after synced");
            }
        }
    }

    @Test
    void resentClientIdGetsTheSameAckAndIsStoredOnce() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            JsonNode first = a.sendMessage(to("bob"), "same", "hello once");
            JsonNode again = a.sendMessage(to("bob"), "same", "hello once");
            assertEquals(first.path("message_id").asText(), again.path("message_id").asText());
            assertEquals(first.path("seq").asLong(), again.path("seq").asLong());
            var history = server.get("/conversations/" + first.path("conversation_id").asText() + "/messages", bob.accessToken());
            assertEquals(1, history.json().path("messages").size());
            b.awaitType("message");
            assertTrue(b.drainType("message", 300).isEmpty(), "bob sees the message once");
        }
    }

    @Test
    void everySessionOfBothUsersGetsTheMessage() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient a1 = WsClient.ready(server, alice.accessToken());
             WsClient a2 = WsClient.ready(server, alice.accessToken());
             WsClient b1 = WsClient.ready(server, bob.accessToken());
             WsClient b2 = WsClient.ready(server, bob.accessToken())) {
            a1.sendMessage(to("bob"), "c1", "to all of you");
            for (WsClient c : List.of(b1, b2, a2)) {
                assertEquals("to all of you", c.awaitType("message").path("body").asText());
            }
        }
    }

    @Test
    void closingOneSessionLeavesTheOtherWorking() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient b2 = WsClient.ready(server, bob.accessToken());
             WsClient a = WsClient.ready(server, alice.accessToken())) {
            WsClient b1 = WsClient.ready(server, bob.accessToken());
            b1.close();
            a.sendMessage(to("bob"), "c1", "still there?");
            assertEquals("still there?", b2.awaitType("message").path("body").asText());
            assertEquals("ack", b2.sendMessage(to("alice"), "b1", "yes").path("type").asText());
        }
    }

    @Test
    void concurrentSendersGetOneGaplessOrderSeenByEveryone() throws Exception {
        int senders = 8;
        int each = 50;
        List<TestServer.Account> people = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            people.add(server.account("user" + i));
        }
        List<String> others = people.subList(1, senders).stream().map(TestServer.Account::username).toList();
        String conv = server.post("/conversations", people.getFirst().accessToken(),
                Map.of("title", "busy", "members", others)).json().path("id").asText();
        List<WsClient> clients = new ArrayList<>();
        for (var p : people) {
            clients.add(WsClient.ready(server, p.accessToken()));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            List<Future<List<Long>>> acks = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                WsClient c = clients.get(s);
                int sender = s;
                acks.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        c.send(Map.of("type", "send", "client_id", "s" + sender + "-" + i, "conversation_id", conv,
                                "body", "from " + sender + " #" + i));
                    }
                    return c.awaitTypes("ack", each).stream().map(f -> f.path("seq").asLong()).toList();
                }));
            }
            Set<Long> allAcked = new TreeSet<>();
            int ackCount = 0;
            for (var f : acks) {
                List<Long> mine = f.get();
                ackCount += mine.size();
                allAcked.addAll(mine);
            }
            int total = senders * each;
            assertEquals(total, ackCount);
            assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), List.copyOf(allAcked));
            List<String> firstOrder = null;
            for (WsClient c : clients) {
                List<JsonNode> got = c.received("message", total, 15_000);
                assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), seqs(got), "every member sees 1..N in order");
                List<String> order = got.stream().map(m -> m.path("client_id").asText()).toList();
                if (firstOrder == null) {
                    firstOrder = order;
                }
                assertEquals(firstOrder, order, "every member sees the same order");
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void historyPagesBackAndForward() {
        var alice = server.account("alice");
        server.account("bob");
        String conv = null;
        for (int i = 1; i <= 12; i++) {
            var r = server.post("/messages", alice.accessToken(),
                    conv == null ? Map.of("client_id", "h" + i, "to", "bob", "body", "m" + i)
                            : Map.of("client_id", "h" + i, "conversation_id", conv, "body", "m" + i));
            conv = r.json().path("conversation_id").asText();
        }
        String base = "/conversations/" + conv + "/messages";
        assertPage(base + "?limit=5", alice, List.of(8L, 9L, 10L, 11L, 12L), true);
        assertPage(base + "?before=8&limit=5", alice, List.of(3L, 4L, 5L, 6L, 7L), true);
        assertPage(base + "?before=3&limit=5", alice, List.of(1L, 2L), false);
        assertPage(base + "?after=0&limit=5", alice, List.of(1L, 2L, 3L, 4L, 5L), true);
        assertPage(base + "?after=5&limit=5", alice, List.of(6L, 7L, 8L, 9L, 10L), true);
        assertPage(base + "?after=10&limit=5", alice, List.of(11L, 12L), false);
        assertPage(base, alice, LongStream.rangeClosed(1, 12).boxed().toList(), false);
        assertEquals(400, server.get(base + "?limit=501", alice.accessToken()).status());
        assertEquals(400, server.get(base + "?limit=0", alice.accessToken()).status());
    }

    @Test
    void postMessagesStoresAndDeliversLikeTheSendFrame() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient b = WsClient.ready(server, bob.accessToken())) {
            var r = server.post("/messages", alice.accessToken(), Map.of("client_id", "p1", "to", "bob", "body", "by http"));
            assertEquals(200, r.status(), r.text());
            assertEquals("p1", r.json().path("client_id").asText());
            assertEquals(1, r.json().path("seq").asLong());
            JsonNode m = b.awaitType("message");
            assertEquals("by http", m.path("body").asText());
            assertEquals(r.json().path("message_id").asText(), m.path("message_id").asText());
            var again = server.post("/messages", alice.accessToken(), Map.of("client_id", "p1", "to", "bob", "body", "by http"));
            assertEquals(r.json().path("message_id").asText(), again.json().path("message_id").asText());
        }
    }

    @Test
    void postMessagesRefusesBadInputWithTheSameCodes() {
        var alice = server.account("alice");
        assertEquals("unknown_recipient",
                server.post("/messages", alice.accessToken(), Map.of("client_id", "x", "to", "nobody", "body", "hi")).errorCode());
        assertEquals("missing_field",
                server.post("/messages", alice.accessToken(), Map.of("client_id", "x", "body", "hi")).errorCode());
        var big = server.post("/messages", alice.accessToken(), Map.of("client_id", "x", "to", "alice", "body", "x".repeat(16 * 1024 + 1)));
        assertEquals(413, big.status(), big.text());
        assertEquals("too_large", big.errorCode());
    }

    @Test
    void readReceiptIsRelayedAndUnreadCountFollows() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            String conv = a.sendMessage(to("bob"), "r1", "one").path("conversation_id").asText();
            a.sendMessage(in(conv), "r2", "two");
            a.sendMessage(in(conv), "r3", "three");
            assertEquals(3, conversationOf(bob, conv).path("unread").asLong());
            assertEquals(0, conversationOf(alice, conv).path("unread").asLong(), "own messages are not unread");

            b.send(Map.of("type", "read", "conversation_id", conv, "seq", 2));
            JsonNode read = a.awaitType("read");
            assertEquals(conv, read.path("conversation_id").asText());
            assertEquals(2, read.path("seq").asLong());
            assertEquals(bob.id(), read.path("user").asText());
            JsonNode bobConv = conversationOf(bob, conv);
            assertEquals(1, bobConv.path("unread").asLong());
            assertEquals(2, bobConv.path("read_seq").asLong());
        }
    }

    @Test
    void theListingSaysHowFarTheOthersHaveReadAndReceived() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            String conv = a.sendMessage(to("bob"), "p1", "one").path("conversation_id").asText();
            a.sendMessage(in(conv), "p2", "two");
            a.sendMessage(in(conv), "p3", "three");
            b.send(Map.of("type", "delivered", "conversation_id", conv, "seq", 3));
            b.send(Map.of("type", "read", "conversation_id", conv, "seq", 1));
            a.awaitType("read");
            // What a client that restarts sees, to mark alice's messages without having heard the receipts.
            JsonNode aliceConv = conversationOf(alice, conv);
            assertEquals(1, aliceConv.path("others_read_seq").asLong());
            assertEquals(3, aliceConv.path("others_delivered_seq").asLong());
            JsonNode bobConv = conversationOf(bob, conv);
            assertEquals(3, bobConv.path("others_read_seq").asLong(), "sending moved alice's own read position");
        }
    }

    @Test
    void readPositionNeverGoesBackOrPastTheEnd() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient b = WsClient.ready(server, bob.accessToken())) {
            String conv = server.post("/messages", alice.accessToken(), Map.of("client_id", "1", "to", "bob", "body", "a"))
                    .json().path("conversation_id").asText();
            server.post("/messages", alice.accessToken(), Map.of("client_id", "2", "conversation_id", conv, "body", "b"));
            b.send(Map.of("type", "read", "conversation_id", conv, "seq", 99));
            b.send(Map.of("type", "read", "conversation_id", conv, "seq", 1));
            b.send(Map.of("type", "ping", "ref", "done"));
            b.awaitType("pong");
            assertEquals(2, conversationOf(bob, conv).path("read_seq").asLong());
        }
    }

    @Test
    void deliveredIsRelayedToTheSender() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            JsonNode ack = a.sendMessage(to("bob"), "d1", "one");
            b.awaitType("message");
            b.send(Map.of("type", "delivered", "conversation_id", ack.path("conversation_id").asText(), "seq", 1));
            JsonNode d = a.awaitType("delivered");
            assertEquals(1, d.path("seq").asLong());
            assertEquals(bob.id(), d.path("user").asText());
        }
    }

    @Test
    void typingIsRelayedAndNotStored() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        String conv = server.post("/conversations/direct", alice.accessToken(), Map.of("to", "bob")).json().path("id").asText();
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            a.send(Map.of("type", "typing", "conversation_id", conv));
            JsonNode t = b.awaitType("typing");
            assertEquals(conv, t.path("conversation_id").asText());
            assertEquals(alice.id(), t.path("user").asText());
            assertTrue(a.drainType("typing", 200).isEmpty(), "the typist's own session is not told");
        }
        var history = server.get("/conversations/" + conv + "/messages", bob.accessToken());
        assertEquals(0, history.json().path("messages").size());
        assertEquals(0, conversationOf(bob, conv).path("last_seq").asLong());
    }

    @Test
    void typingIsNotEchoedToTheTypistsOtherSessions() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        String conv = server.post("/conversations/direct", alice.accessToken(), Map.of("to", "bob")).json().path("id").asText();
        try (WsClient a1 = WsClient.ready(server, alice.accessToken()); WsClient a2 = WsClient.ready(server, alice.accessToken());
             WsClient b = WsClient.ready(server, bob.accessToken())) {
            a1.send(Map.of("type", "typing", "conversation_id", conv));
            b.awaitType("typing");
            assertTrue(a2.drainType("typing", 300).isEmpty(), "alice is not told that alice is typing");
        }
    }

    @Test
    void readOnOneSessionReachesTheUsersOtherSessions() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient b1 = WsClient.ready(server, bob.accessToken()); WsClient b2 = WsClient.ready(server, bob.accessToken())) {
            String conv = server.post("/messages", alice.accessToken(), Map.of("client_id", "1", "to", "bob", "body", "x"))
                    .json().path("conversation_id").asText();
            b1.send(Map.of("type", "read", "conversation_id", conv, "seq", 1));
            assertEquals(1, b2.awaitType("read").path("seq").asLong());
        }
    }

    @Test
    void conversationListShowsNewestActivityFirstWithTheLastMessage() {
        var alice = server.account("alice");
        server.account("bob");
        server.account("carol");
        String withBob = server.post("/messages", alice.accessToken(), Map.of("client_id", "1", "to", "bob", "body", "b"))
                .json().path("conversation_id").asText();
        String withCarol = server.post("/messages", alice.accessToken(), Map.of("client_id", "2", "to", "carol", "body", "c"))
                .json().path("conversation_id").asText();
        server.post("/messages", alice.accessToken(), Map.of("client_id", "3", "conversation_id", withBob, "body", "newest"));
        var list = server.get("/conversations", alice.accessToken()).json().path("conversations");
        assertEquals(withBob, list.path(0).path("id").asText());
        assertEquals(withCarol, list.path(1).path("id").asText());
        assertEquals("newest", list.path(0).path("last_message").path("body").asText());
        assertEquals(2, list.path(0).path("last_seq").asLong());
    }

    @Test
    void peersSeeOnlineAndOfflineOnlyWhenTheLastSessionCloses() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        server.post("/conversations/direct", alice.accessToken(), Map.of("to", "bob"));
        try (WsClient b = WsClient.ready(server, bob.accessToken())) {
            WsClient a1 = WsClient.ready(server, alice.accessToken());
            JsonNode online = b.awaitType("presence");
            assertEquals(alice.id(), online.path("user").asText());
            assertEquals("online", online.path("status").asText());
            assertTrue(server.get("/users/alice", bob.accessToken()).json().path("online").asBoolean());

            WsClient a2 = WsClient.ready(server, alice.accessToken());
            a1.close();
            assertTrue(b.drainType("presence", 500).isEmpty(), "alice still has a session open");
            assertTrue(server.get("/users/alice", bob.accessToken()).json().path("online").asBoolean());

            a2.close();
            JsonNode offline = b.awaitType("presence");
            assertEquals("offline", offline.path("status").asText());
            assertTrue(offline.path("last_seen").asLong() > 0);
            var view = server.get("/users/alice", bob.accessToken()).json();
            assertFalse(view.path("online").asBoolean());
            assertEquals(offline.path("last_seen").asLong(), view.path("last_seen").asLong());
        }
    }

    @Test
    void aClientThatVanishesWithoutClosingGoesOffline() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        server.post("/conversations/direct", alice.accessToken(), Map.of("to", "bob"));
        try (WsClient b = WsClient.ready(server, bob.accessToken())) {
            WsClient a = WsClient.ready(server, alice.accessToken());
            assertEquals("online", b.awaitType("presence").path("status").asText());
            a.ws.abort(); // the TCP connection ends without a close frame: a crashed client or a pulled cable
            assertEquals("offline", b.awaitType("presence").path("status").asText());
            assertFalse(server.get("/users/alice", bob.accessToken()).json().path("online").asBoolean());
        }
    }

    @Test
    void sessionClosesWith4001WhenTheTokenExpiresUnrenewed() {
        restartWith(c -> c.withAccessTokenTtl(Duration.ofSeconds(2)));
        var alice = server.account("alice");
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            assertEquals(4001, a.awaitClose(6));
            // The reason is what a client shows or logs, so it must say how to avoid this next time.
            assertTrue(a.closeReason().contains("expired"), a.closeReason());
            assertTrue(a.closeReason().contains("renew it with an auth frame"), a.closeReason());
        }
    }

    @Test
    void authFrameRenewsTheSession() throws InterruptedException {
        // exp has whole-second precision, so a token lives between TTL-1 and TTL seconds: 4 s leaves the renewal
        // at least 1.9 s of room before the first token runs out.
        restartWith(c -> c.withAccessTokenTtl(Duration.ofSeconds(4)));
        var alice = server.account("alice");
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            long firstExpiry = Jwts.payload(alice.accessToken()).path("exp").asLong() * 1000;
            Thread.sleep(1100); // the fresh token's exp must land on a later second
            String fresh = server.post("/token/refresh", null, Map.of("refreshToken", alice.refreshToken()))
                    .json().path("accessToken").asText();
            a.send(Map.of("type", "auth", "token", fresh));
            JsonNode authed = a.awaitType("authed");
            assertTrue(authed.path("expires_at").asLong() > firstExpiry);
            Thread.sleep(Math.max(0, firstExpiry - System.currentTimeMillis()) + 500);
            assertTrue(a.isOpen(), "renewed session outlives the first token");
            a.send(Map.of("type", "ping", "ref", "still-here"));
            assertEquals("still-here", a.awaitType("pong").path("ref").asText());
        }
    }

    @Test
    void authFrameWithAnotherUsersTokenIsRefused() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            a.send(Map.of("type", "auth", "token", bob.accessToken()));
            assertEquals("unauthorized", a.awaitType("error").path("code").asText());
            a.send(Map.of("type", "ping"));
            a.awaitType("pong");
        }
    }

    @Test
    void pingAnswersPongWithItsRef() {
        var alice = server.account("alice");
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            a.send(Map.of("type", "ping", "ref", "p-7"));
            assertEquals("p-7", a.awaitType("pong").path("ref").asText());
        }
    }

    @Test
    void helloNamesTheUserAndTheLimits() {
        var alice = server.account("alice");
        try (WsClient a = WsClient.open(server, alice.accessToken())) {
            JsonNode hello = a.awaitType("hello");
            assertEquals(alice.id(), hello.path("user").path("id").asText());
            assertEquals(16 * 1024, hello.path("max_body").asInt());
            assertEquals(Jwts.payload(alice.accessToken()).path("exp").asLong() * 1000, hello.path("expires_at").asLong());
            assertFalse(hello.path("session_id").asText().isEmpty());
        }
    }

    private void assertPage(String path, TestServer.Account who, List<Long> seqs, boolean hasMore) {
        var r = server.get(path, who.accessToken());
        assertEquals(200, r.status(), r.text());
        List<JsonNode> msgs = new ArrayList<>();
        r.json().path("messages").forEach(msgs::add);
        assertEquals(seqs, seqs(msgs), path);
        assertEquals(hasMore, r.json().path("has_more").asBoolean(), path + " has_more");
    }

    private JsonNode conversationOf(TestServer.Account who, String conv) {
        for (JsonNode c : server.get("/conversations", who.accessToken()).json().path("conversations")) {
            if (conv.equals(c.path("id").asText())) {
                return c;
            }
        }
        throw new AssertionError("conversation " + conv + " not listed for " + who.username());
    }

    static List<Long> seqs(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("seq").asLong()).toList();
    }

    /** The message frames the client recorded before {@code marker} (which await already took). */
    private static List<JsonNode> collectedBefore(WsClient c, JsonNode marker) {
        return c.before(marker, "message");
    }

    /** Alice sends bob five messages while he is away; returns their conversation. */
    private String fiveMessagesToBob(TestServer.Account alice) {
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            String conv = a.sendMessage(to("bob"), "m1", "one").path("conversation_id").asText();
            for (int i = 2; i <= 5; i++) {
                a.sendMessage(in(conv), "m" + i, "message " + i);
            }
            return conv;
        }
    }
}
