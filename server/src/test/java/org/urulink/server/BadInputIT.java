package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad frames on the native socket: each gets its error, and neither the session nor anyone else suffers. */
class BadInputIT extends ServerIT {
    TestServer.Account alice;
    TestServer.Account bob;

    @BeforeEach
    void accounts() {
        alice = server.account("alice");
        bob = server.account("bob");
    }

    /** Sends a bad frame and returns the error it got; then checks that alice's session and bob are fine. */
    private JsonNode refusedThenStillWorking(Object badFrame) {
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            a.send(badFrame);
            JsonNode error = a.awaitType("error");
            JsonNode ack = a.sendMessage(to("bob"), "after-bad", "still here");
            assertEquals("ack", ack.path("type").asText(), "a following send is acked");
            assertEquals("still here", b.awaitType("message").path("body").asText(), "bob is unaffected");
            assertEquals("ack", b.sendMessage(to("alice"), "bob-1", "good").path("type").asText());
            return error;
        }
    }

    @Test
    void malformedJsonAnswersBadJson() {
        assertEquals("bad_json", refusedThenStillWorking("{\"type\": \"send\", ").path("code").asText());
    }

    @Test
    void nonObjectJsonAnswersBadJson() {
        assertEquals("bad_json", refusedThenStillWorking("[1, 2, 3]").path("code").asText());
    }

    @Test
    void wrongFieldTypeAnswersBadJson() {
        assertEquals("bad_json", refusedThenStillWorking(
                Map.of("type", "read", "conversation_id", "x", "seq", "not a number")).path("code").asText());
    }

    @Test
    void unknownTypeAnswersUnknownType() {
        JsonNode e = refusedThenStillWorking(Map.of("type", "shout", "ref", "r1"));
        assertEquals("unknown_type", e.path("code").asText());
        assertEquals("r1", e.path("ref").asText());
    }

    @Test
    void serverFrameTypeFromAClientAnswersUnknownType() {
        assertEquals("unknown_type", refusedThenStillWorking(Map.of("type", "ack", "client_id", "x", "message_id", "m",
                "conversation_id", "c", "seq", 1, "sent_at", 1)).path("code").asText());
    }

    @Test
    void missingBodyAnswersMissingFieldWithTheClientId() {
        JsonNode e = refusedThenStillWorking(Map.of("type", "send", "client_id", "c9", "to", "bob"));
        assertEquals("missing_field", e.path("code").asText());
        assertEquals("c9", e.path("ref").asText());
    }

    @Test
    void missingTypeAnswersMissingField() {
        assertEquals("missing_field", refusedThenStillWorking(Map.of("client_id", "c1", "body", "x")).path("code").asText());
    }

    @Test
    void bodyOverTheLimitAnswersTooLarge() {
        JsonNode e = refusedThenStillWorking(Map.of("type", "send", "client_id", "big", "to", "bob", "body", "é".repeat(8 * 1024 + 1)));
        assertEquals("too_large", e.path("code").asText());
        assertEquals("big", e.path("ref").asText());
        String conv = server.get("/conversations", alice.accessToken()).json().path("conversations").path(0).path("id").asText();
        var history = server.get("/conversations/" + conv + "/messages", alice.accessToken()).json().path("messages");
        history.forEach(m -> assertTrue(!"big".equals(m.path("client_id").asText()), "the big one was not stored"));
    }

    @Test
    void unknownRecipientAnswersUnknownRecipient() {
        JsonNode e = refusedThenStillWorking(Map.of("type", "send", "client_id", "u1", "to", "ghost", "body", "hello?"));
        assertEquals("unknown_recipient", e.path("code").asText());
        assertEquals("u1", e.path("ref").asText());
    }

    @Test
    void sendingToAForeignConversationAnswersNotMember() {
        server.account("carol");
        var carol = server.login("carol");
        String theirs = server.post("/conversations/direct", carol.accessToken(), Map.of("to", "bob")).json().path("id").asText();
        JsonNode e = refusedThenStillWorking(Map.of("type", "send", "client_id", "n1", "conversation_id", theirs, "body", "sneaky"));
        assertEquals("not_member", e.path("code").asText());
        assertEquals("n1", e.path("ref").asText());
        assertEquals(0, server.get("/conversations/" + theirs + "/messages", carol.accessToken()).json().path("messages").size());
    }

    @Test
    void readingAForeignConversationAnswersNotMember() {
        server.account("carol");
        var carol = server.login("carol");
        String theirs = server.post("/conversations/direct", carol.accessToken(), Map.of("to", "bob")).json().path("id").asText();
        assertEquals("not_member", refusedThenStillWorking(Map.of("type", "typing", "conversation_id", theirs)).path("code").asText());
    }

    @Test
    void floodOfBadFramesIsAnsweredAtMostTwentyOneTimes() {
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            for (int i = 0; i < 100; i++) {
                a.send("{bad " + i);
            }
            a.send(Map.of("type", "ping", "ref", "after-flood"));
            a.await(f -> "pong".equals(f.path("type").asText()));
            List<JsonNode> errors = a.before(a.received("pong", 1, 0).getFirst(), "error");
            assertTrue(errors.size() <= 21, "answers: " + errors.size());
            assertEquals(1, errors.stream().filter(e -> "rate_limited".equals(e.path("code").asText())).count());
            assertTrue(a.drainType("error", 300).isEmpty(), "the rest were ignored");
            assertEquals("ack", a.sendMessage(to("bob"), "ok", "fine now").path("type").asText());
            assertEquals("fine now", b.awaitType("message").path("body").asText());
        }
    }

    @Test
    void frameOverTheWebSocketLimitClosesWith1009() {
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            a.send(Map.of("type", "send", "client_id", "huge", "to", "bob", "body", "x".repeat(70 * 1024)));
            int code;
            try {
                code = a.awaitClose(5);
            } catch (AssertionError e) {
                throw new AssertionError("not closed; got instead: " + a.drain(200), e);
            }
            assertEquals(1009, code);
            assertEquals("ack", b.sendMessage(to("alice"), "b1", "I'm fine").path("type").asText(), "others are unaffected");
        }
    }

    @Test
    void messageJustOverTheLimitInFragmentsClosesWith1009() {
        // The JDK client sends this as four full 16 KiB frames and a short last one.
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            String frame = "{\"type\":\"ping\",\"ref\":\"" + "x".repeat(64 * 1024 - 23) + "\"}";
            assertEquals(64 * 1024 + 1, frame.length());
            a.send(frame);
            assertEquals(1009, a.awaitClose(5));
        }
    }

    @Test
    void messageOfExactlyTheLimitIsAccepted() {
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            String ref = "x".repeat(64 * 1024 - 24);
            String frame = "{\"type\":\"ping\",\"ref\":\"" + ref + "\"}";
            assertEquals(64 * 1024, frame.length());
            a.send(frame);
            assertEquals(ref, a.awaitType("pong").path("ref").asText());
        }
    }

    @Test
    void binaryFrameIsRefusedAndTheSessionStays() {
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            a.ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
            assertEquals("bad_json", a.awaitType("error").path("code").asText());
            assertEquals("ack", a.sendMessage(to("bob"), "after-binary", "still here").path("type").asText());
            assertEquals("still here", b.awaitType("message").path("body").asText());
        }
    }

    @Test
    void floodOfPingsIsRateLimitedAndSendsStillGoThrough() {
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            for (int i = 0; i < 300; i++) {
                a.send(Map.of("type", "ping", "ref", "p" + i));
            }
            JsonNode limited = a.await(f -> "rate_limited".equals(f.path("code").asText()));
            assertTrue(limited.path("message").asText().contains("slow down"), limited.toString());
            assertTrue(a.drainType("error", 300).isEmpty(), "told once; the rest of the flood is dropped unanswered");
            int pongs = a.received("pong", 300, 1_000).size();
            // A burst of 100 and 20 a second: the 300 were sent in well under 5 s.
            assertTrue(pongs >= 100 && pongs < 200, "pongs: " + pongs);
            assertEquals("ack", a.sendMessage(to("bob"), "after-pings", "sends are not chatter").path("type").asText());
            assertEquals("sends are not chatter", b.awaitType("message").path("body").asText());
        }
    }

    @Test
    void aBusyConversationsReceiptsAreNotRefused() {
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            String conv = a.sendMessage(to("bob"), "hi", "hi").path("conversation_id").asText();
            for (int i = 0; i < 150; i++) { // e.g. a delivered per arrival in a group that talks fast
                b.send(Map.of("type", i % 2 == 0 ? "delivered" : "read", "conversation_id", conv, "seq", 1));
            }
            b.send(Map.of("type", "ping", "ref", "after-receipts"));
            b.await(f -> "pong".equals(f.path("type").asText()));
            assertTrue(b.before(b.received("pong", 1, 0).getFirst(), "error").isEmpty(), "no receipt was refused");
        }
    }

    @Test
    void typingIsRelayedAtMostOnceASecondPerConversation() {
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            String conv = a.sendMessage(to("bob"), "hi", "hi").path("conversation_id").asText();
            for (int i = 0; i < 5; i++) {
                a.send(Map.of("type", "typing", "conversation_id", conv));
            }
            assertEquals(1, b.drainType("typing", 500).size(), "five typing frames at once are one relay");
        }
    }

    @Test
    void aClientThatNeverReadsIsReadNoFasterThanItReads() throws Exception {
        String body = "x".repeat(15_000);
        try (RawWsClient a = RawWsClient.open(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            int max = 4_000;
            int written = a.writeUntilStalled("{\"type\":\"send\",\"to\":\"bob\",\"body\":\"" + body
                    + "\",\"client_id\":\"c-" + System.nanoTime() + "\"}", 1, 2_000);
            assertEquals(1, written);
            int n = 0;
            for (; n < max; n++) {
                if (a.writeUntilStalled("{\"type\":\"send\",\"to\":\"bob\",\"body\":\"" + body
                        + "\",\"client_id\":\"c" + n + "\"}", 1, 2_000) == 0) {
                    break;
                }
            }
            // Its acks and own copies fill its queue (1,000 frames) and the socket buffers; then the server waits.
            assertTrue(n < max, "the server kept reading a client that reads nothing: " + n + " sends taken");
            assertEquals("ack", b.sendMessage(to("alice"), "bob-meanwhile", "others are served").path("type").asText());
        }
    }

    @Test
    void aClientThatReadsNothingForThirtySecondsIsDisconnectedAndGoesOffline() throws Exception {
        String body = "x".repeat(15_000);
        try (RawWsClient a = RawWsClient.open(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            int n = 0;
            while (n < 4_000 && a.writeUntilStalled("{\"type\":\"send\",\"to\":\"bob\",\"body\":\"" + body
                    + "\",\"client_id\":\"s" + n + "\"}", 1, 2_000) == 1) {
                n++;
            }
            assertTrue(n < 4_000, "stalled");
            // Its writer is stuck on a full socket; after 30 s without a frame written the server lets it go.
            JsonNode offline = b.await(f -> "presence".equals(f.path("type").asText())
                    && alice.id().equals(f.path("user").asText()) && "offline".equals(f.path("status").asText()), 45_000);
            assertTrue(offline.path("last_seen").asLong() > 0);
            assertEquals("ack", b.sendMessage(to("alice"), "after", "bob is fine").path("type").asText());
        }
    }
}
