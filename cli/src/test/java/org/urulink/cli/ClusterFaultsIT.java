package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.client.ApiClient;
import org.urulink.client.ChatSocket;
import org.urulink.client.Session;
import org.urulink.protocol.Frame;
import org.urulink.server.ChatServer;

/** Clients (the real client library) chatting across nodes while the shared backends fail and return. */
class ClusterFaultsIT {
    @TempDir
    Path data;
    ClusterNodes cluster;

    @BeforeEach
    void start() {
        cluster = new ClusterNodes(data);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** What a client's listener was handed. */
    static final class Heard implements ChatSocket.Listener {
        final List<Frame.Message> messages = new CopyOnWriteArrayList<>();
        volatile ChatSocket.State state = ChatSocket.State.CONNECTING;

        @Override
        public void onFrame(Frame frame) {
            if (frame instanceof Frame.Message m) {
                messages.add(m);
            }
        }

        @Override
        public void onState(ChatSocket.State s, String detail) {
            state = s;
        }

        List<Long> seqs() {
            return messages.stream().map(Frame.Message::seq).toList();
        }
    }

    @Test
    void rabbitMqStoppedAndStartedMidStreamLosesAndRepeatsNothing() throws Exception {
        ChatServer a = cluster.start();
        ChatServer b = cluster.start();
        Session alice = cluster.user(a, "alice");
        Session bob = cluster.user(b, "bob");
        Heard aliceHeard = new Heard();
        Heard bobHeard = new Heard();
        ChatSocket aliceSocket = cluster.socket(alice, aliceHeard);
        cluster.socket(bob, bobHeard);
        await(() -> aliceHeard.state == ChatSocket.State.ONLINE && bobHeard.state == ChatSocket.State.ONLINE, 10);

        int total = 150;
        List<CompletableFuture<Frame.Ack>> acks = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            acks.add(aliceSocket.send(new Frame.Send("m" + i, null, "bob", "message " + i, null)));
            Thread.sleep(10);
            if (i == 50) {
                ClusterNodes.Rabbit.stop(); // mid-stream; sending goes on while it is down
            }
            if (i == 100) {
                ClusterNodes.Rabbit.start();
            }
        }
        for (CompletableFuture<Frame.Ack> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
        await(() -> bobHeard.messages.size() >= total, 60);
        Thread.sleep(500); // a duplicate would arrive now
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), bobHeard.seqs().stream().sorted().toList(),
                "every message once");
        assertEquals(total, bobHeard.messages.size(), "no message twice");
    }

    @Test
    void redisRestartedEmptyRebuildsPresenceAndChatGoesOn() throws Exception {
        ChatServer a = cluster.start();
        ChatServer b = cluster.start();
        Session alice = cluster.user(a, "alice");
        Session bob = cluster.user(b, "bob");
        ApiClient.of(alice).direct("bob"); // presence is shown only to people who share a conversation
        Heard bobHeard = new Heard();
        cluster.socket(bob, bobHeard);
        await(() -> bobHeard.state == ChatSocket.State.ONLINE, 10);
        assertTrue(ApiClient.of(alice).user("bob").online());

        ClusterNodes.RedisServer.restart();
        // The next heartbeat (every 5 s) puts back what the empty Redis forgot.
        await(() -> onlineSeenBy(alice, "bob"), 30);
        ApiClient.of(alice).sendTo("after-restart", "bob", "still here?");
        await(() -> bobHeard.messages.stream().anyMatch(m -> m.body().equals("still here?")), 15);
    }

    @Test
    void aGroupSpreadOverThreeNodesReachesEverySessionOnce() throws Exception {
        ChatServer a = cluster.start();
        ChatServer b = cluster.start();
        ChatServer c = cluster.start();
        Session alice = cluster.user(a, "alice");
        Session bob = cluster.user(b, "bob");
        Session carol = cluster.user(c, "carol");
        Session carolOnB = ApiClient.anonymous(b.baseUri()).loginSession("carol", "password-carol",
                org.urulink.client.TokenStore.inMemory());
        Map<String, Heard> sessions = Map.of("alice@a", new Heard(), "bob@b", new Heard(), "carol@c", new Heard(),
                "carol@b", new Heard());
        cluster.socket(alice, sessions.get("alice@a"));
        cluster.socket(bob, sessions.get("bob@b"));
        cluster.socket(carol, sessions.get("carol@c"));
        cluster.socket(carolOnB, sessions.get("carol@b"));
        await(() -> sessions.values().stream().allMatch(h -> h.state == ChatSocket.State.ONLINE), 10);

        String group = ApiClient.of(alice).createGroup("three nodes", List.of("bob", "carol")).id();
        for (int i = 1; i <= 20; i++) {
            ApiClient.of(i % 2 == 0 ? bob : carol).sendToConversation("g" + i, group, "to all " + i);
        }
        try {
            await(() -> sessions.values().stream().allMatch(h -> h.messages.size() >= 20), 15);
        } catch (AssertionError e) {
            Map<String, List<Long>> got = new java.util.TreeMap<>();
            sessions.forEach((who, heard) -> got.put(who, heard.seqs()));
            throw new AssertionError("not every session got all 20: " + got, e);
        }
        Thread.sleep(500);
        sessions.forEach((who, heard) -> assertEquals(LongStream.rangeClosed(1, 20).boxed().toList(), heard.seqs(),
                who + " got each message once, in order"));
    }

    private static boolean onlineSeenBy(Session viewer, String username) {
        try {
            return ApiClient.of(viewer).user(username).online();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static void await(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }
}
