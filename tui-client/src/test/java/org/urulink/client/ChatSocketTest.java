package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.protocol.Frame;

/** ChatSocket against a real server, including restarts on the same port and data. */
class ChatSocketTest {
    private static final ChatSocket.Options FAST =
            new ChatSocket.Options(Duration.ofMillis(50), Duration.ofMillis(400), 500, Duration.ofSeconds(30));

    @TempDir
    Path data;
    TestServer server;
    ChatSocket socket;

    /** Collects what the listener hears. */
    static final class Recorder implements ChatSocket.Listener {
        final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        final List<Frame.Message> messages = new CopyOnWriteArrayList<>();
        final LinkedBlockingQueue<ChatSocket.State> states = new LinkedBlockingQueue<>();

        @Override
        public void onFrame(Frame frame) {
            if (frame instanceof Frame.Message m) {
                messages.add(m);
            }
            frames.add(frame);
        }

        @Override
        public void onState(ChatSocket.State state, String detail) {
            states.add(state);
        }

        <T extends Frame> T next(Class<T> type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                Frame f = frames.poll(100, TimeUnit.MILLISECONDS);
                if (type.isInstance(f)) {
                    return type.cast(f);
                }
            }
            throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
        }

        void awaitState(ChatSocket.State wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (states.poll(100, TimeUnit.MILLISECONDS) == wanted) {
                    return;
                }
            }
            throw new AssertionError("not " + wanted + " within 10 s");
        }
    }

    @AfterEach
    void stop() {
        if (socket != null) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ChatSocket open(Session session, Recorder recorder) throws InterruptedException {
        socket = new ChatSocket(session, recorder, FAST, Map.of()).start();
        recorder.next(Frame.Synced.class);
        return socket;
    }

    private static String send(Session from, String to, String body) {
        return ApiClient.of(from).sendTo(UUID.randomUUID().toString(), to, body).conversationId();
    }

    @Test
    void receivesALiveMessage() throws Exception {
        server = TestServer.start(data);
        Session alice = server.user("alice");
        Session bob = server.user("bob");
        Recorder heard = new Recorder();
        open(bob, heard);
        send(alice, "bob", "hi bob");
        Frame.Message m = heard.next(Frame.Message.class);
        assertEquals("hi bob", m.body());
        assertEquals("alice", m.fromUsername());
    }

    @Test
    void reconnectsAfterRestartAndSyncsTheGapExactlyOnce() throws Exception {
        server = TestServer.start(data);
        Session alice = server.user("alice");
        Session bob = server.user("bob");
        Recorder heard = new Recorder();
        open(bob, heard);
        String conv = send(alice, "bob", "before");
        heard.next(Frame.Message.class);

        int port = server.port();
        server.stop();
        heard.awaitState(ChatSocket.State.RECONNECTING);
        server.startAgain(port);
        send(alice, "bob", "gap 1");
        send(alice, "bob", "gap 2");
        heard.awaitState(ChatSocket.State.ONLINE);
        heard.next(Frame.Synced.class);
        send(alice, "bob", "after");
        heard.next(Frame.Message.class);
        Thread.sleep(300); // let any duplicate arrive

        assertEquals(List.of("before", "gap 1", "gap 2", "after"),
                heard.messages.stream().map(Frame.Message::body).toList());
        assertEquals(4L, socket.cursors().get(conv));
    }

    @Test
    void outboxSendsQueuedMessagesAfterReconnectWithoutDuplicates() throws Exception {
        server = TestServer.start(data);
        Session alice = server.user("alice");
        Session bob = server.user("bob");
        Recorder aliceHeard = new Recorder();
        open(alice, aliceHeard);

        int port = server.port();
        server.stop();
        aliceHeard.awaitState(ChatSocket.State.RECONNECTING);
        String clientId = UUID.randomUUID().toString();
        CompletableFuture<Frame.Ack> acked = socket.send(new Frame.Send(clientId, null, "bob", "queued while away", null));
        assertEquals(1, socket.pending());
        server.startAgain(port);

        Frame.Ack ack = acked.get(10, TimeUnit.SECONDS);
        assertEquals(clientId, ack.clientId());
        assertEquals(0, socket.pending());
        // Re-sending the same client_id (as after a lost ack) answers the same ack and stores nothing new.
        Frame.Ack again = socket.send(new Frame.Send(clientId, null, "bob", "queued while away", null))
                .get(10, TimeUnit.SECONDS);
        assertEquals(ack.messageId(), again.messageId());

        History h = ApiClient.of(bob).messages(ack.conversationId(), HistoryQuery.newest(50));
        assertEquals(List.of("queued while away"), h.messages().stream().map(Frame.Message::body).toList());
    }

    @Test
    void sessionOutlivesItsAccessTokenByRenewingWithAuth() throws Exception {
        server = TestServer.start(data, Duration.ofSeconds(2));
        Session alice = server.user("alice");
        Session bob = server.user("bob");
        Recorder heard = new Recorder();
        open(bob, heard);
        Frame.Authed authed = heard.next(Frame.Authed.class);
        assertNotNull(authed);
        Thread.sleep(3_000); // past the first token's expiry
        send(alice, "bob", "still there?");
        assertEquals("still there?", heard.next(Frame.Message.class).body());
        assertTrue(heard.states.stream().noneMatch(s -> s == ChatSocket.State.RECONNECTING),
                "the session was never dropped: " + heard.states);
    }

    @Test
    void revokedLoginClosesTheSocketForGood() throws Exception {
        // Short tokens: whichever comes first closes it, the server's 4003 or the refused renewal.
        server = TestServer.start(data, Duration.ofSeconds(2));
        Session bob = server.user("bob");
        Recorder heard = new Recorder();
        open(bob, heard);
        ApiClient.anonymous(server.uri()).logout(bob.credentials().refreshToken());
        heard.awaitState(ChatSocket.State.CLOSED);
        assertEquals(ChatSocket.State.CLOSED, socket.state());
    }

    @Test
    void startingFromSavedCursorsGetsOnlyWhatCameAfter() throws Exception {
        server = TestServer.start(data);
        Session alice = server.user("alice");
        Session bob = server.user("bob");
        String conv = send(alice, "bob", "one");
        send(alice, "bob", "two");
        send(alice, "bob", "three");
        Recorder heard = new Recorder();
        socket = new ChatSocket(bob, heard, FAST, Map.of(conv, 2L)).start();
        heard.next(Frame.Synced.class);
        assertEquals(List.of("three"), heard.messages.stream().map(Frame.Message::body).toList());
    }

    @Test
    void aSendOverTheSocketIsAckedAndReachesTheOtherSide() throws Exception {
        server = TestServer.start(data);
        Session alice = server.user("alice");
        Session bob = server.user("bob");
        Recorder bobHeard = new Recorder();
        ChatSocket bobSocket = new ChatSocket(bob, bobHeard, FAST, Map.of()).start();
        try {
            bobHeard.next(Frame.Synced.class);
            Recorder aliceHeard = new Recorder();
            open(alice, aliceHeard);
            Frame.Ack ack = socket.send(new Frame.Send("c-1", null, "bob", "over the socket", null))
                    .get(10, TimeUnit.SECONDS);
            Frame.Message m = bobHeard.next(Frame.Message.class);
            assertEquals("over the socket", m.body());
            assertEquals(ack.messageId(), m.messageId());
            assertEquals("c-1", m.clientId());
            // The sender hears its own message too, once, and can match it to the send by client_id.
            assertEquals("c-1", aliceHeard.next(Frame.Message.class).clientId());
            Thread.sleep(200);
            assertEquals(1, aliceHeard.messages.size());
        } finally {
            bobSocket.close();
        }
    }
}
