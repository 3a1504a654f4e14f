package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.client.ApiClient;
import org.urulink.client.ChatSocket;
import org.urulink.client.History;
import org.urulink.client.HistoryQuery;
import org.urulink.client.Session;
import org.urulink.protocol.Frame;

/**
 * The embedded (SQLite) server acks a send only once the message is durably stored: a node killed with SIGKILL
 * mid-stream and started again on the same data directory holds every acked message under its acked seq, with
 * seqs 1..N and nothing that was never sent. Re-sending what was not acked stores each once, and a receiver
 * whose socket resumes sees every message once and in order.
 */
class EmbeddedCrashIT {
    /** A bound, not a target: sending stops a burst after the kill. */
    private static final int MAX_SENDS = 3000;
    private static final int BURST = 10;
    private static final int KILL_AT_ACKS = 120;

    @TempDir
    Path dir;

    @Test
    void whatWasAckedSurvivesSigkillAndResendingStoresEachOnce() throws Exception {
        // Only a data directory and a config home: no JDBC, Redis or AMQP variables, so the node runs embedded.
        Map<String, String> env = Map.of("URULINK_DATA_DIR", dir.resolve("data").toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString());
        int port = NodeProcess.freePort();
        List<AutoCloseable> open = new ArrayList<>();
        try {
            NodeProcess first = node(port, env, "first", open).ready(Duration.ofSeconds(60));
            Session alice = NodeCrashIT.user(first.uri(), "alice");
            Session bob = NodeCrashIT.user(first.uri(), "bob");
            String pair = ApiClient.of(alice).direct("bob").id();
            NodeCrashIT.Heard bobHeard = new NodeCrashIT.Heard();
            ChatSocket bobSocket = NodeCrashIT.socket(bob, bobHeard, open);
            NodeCrashIT.Heard aliceHeard = new NodeCrashIT.Heard();
            ChatSocket aliceSocket = NodeCrashIT.socket(alice, aliceHeard, open);
            ClusterFaultsIT.await(() -> aliceHeard.state == ChatSocket.State.ONLINE
                    && bobHeard.state == ChatSocket.State.ONLINE, 20);

            Map<String, Frame.Ack> acked = new ConcurrentHashMap<>();
            List<String> sent = stream(aliceSocket, pair, acked, first);
            // Closed before the node comes back, so it cannot re-send on its own: the re-send below is alice's.
            aliceSocket.close();
            Map<String, Frame.Ack> ackedBeforeRestart = Map.copyOf(acked);
            ClusterFaultsIT.await(() -> bobHeard.state == ChatSocket.State.RECONNECTING, 10);

            node(port, env, "second", open).ready(Duration.ofSeconds(60));
            List<Frame.Message> stored = history(alice, pair);
            assertAckedAreStored(ackedBeforeRestart, stored);
            assertSeqsAreOneToN(stored);
            assertOnlySentIsStored(sent, stored);
            assertTrue(ackedBeforeRestart.size() < sent.size(), "the kill left sends un-acked: "
                    + ackedBeforeRestart.size() + " of " + sent.size() + " acked");

            // No wait for bob to be back: the re-send races his reconnect, and he must still miss nothing.
            resendUnacked(alice, pair, sent, ackedBeforeRestart, stored, open);
            List<Frame.Message> after = history(alice, pair);
            assertEachSentStoredOnce(sent, after);
            assertSeqsAreOneToN(after);
            assertBobSawEachOnceInOrder(bobHeard, pair, after);
            assertEquals(ChatSocket.State.ONLINE, bobSocket.state());
        } finally {
            for (AutoCloseable c : open.reversed()) {
                c.close();
            }
        }
    }

    /**
     * Sends in bursts of {@code BURST}, so several messages are in flight at any moment (some committed, not yet
     * acked), while another thread SIGKILLs the node once {@code KILL_AT_ACKS} acks are in; sending goes on
     * until the kill is done and a burst after it, into a socket that is down. Answers every client_id sent.
     */
    private static List<String> stream(ChatSocket alice, String pair, Map<String, Frame.Ack> acked, NodeProcess node)
            throws Exception {
        CompletableFuture<Void> killed = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                ClusterFaultsIT.await(() -> acked.size() >= KILL_AT_ACKS, 20);
                node.kill();
                killed.complete(null);
            } catch (Throwable e) {
                killed.completeExceptionally(e);
            }
        });
        List<String> sent = new ArrayList<>();
        int afterKill = 0;
        for (int i = 1; i <= MAX_SENDS && afterKill < BURST; i++) {
            String id = "c" + i;
            sent.add(id);
            alice.send(new Frame.Send(id, pair, null, body(id), null)).thenAccept(a -> acked.put(a.clientId(), a));
            if (killed.isDone()) {
                afterKill++;
            } else if (i % BURST == 0) {
                Thread.sleep(5);
            }
        }
        killed.get(25, TimeUnit.SECONDS);
        return sent;
    }

    private static String body(String clientId) {
        return "message " + clientId;
    }

    /** (1) An ack is a promise: its message is in history after the crash, under the acked seq and with its body. */
    private static void assertAckedAreStored(Map<String, Frame.Ack> acked, List<Frame.Message> stored) {
        Map<String, Frame.Message> byClientId = byClientId(stored);
        assertTrue(!acked.isEmpty(), "some sends were acked before the kill");
        for (Frame.Ack ack : acked.values()) {
            Frame.Message m = byClientId.get(ack.clientId());
            assertTrue(m != null, "acked " + ack.clientId() + " (seq " + ack.seq() + ") is lost after the crash; "
                    + stored.size() + " stored");
            assertEquals(ack.seq(), m.seq(), "seq of acked " + ack.clientId());
            assertEquals(ack.messageId(), m.messageId(), "message id of acked " + ack.clientId());
            assertEquals(body(ack.clientId()), m.body(), "body of acked " + ack.clientId());
        }
    }

    /** (2) Seqs are 1..N: no gap where a half-written message was, no seq given twice. */
    private static void assertSeqsAreOneToN(List<Frame.Message> stored) {
        assertEquals(LongStream.rangeClosed(1, stored.size()).boxed().toList(),
                stored.stream().map(Frame.Message::seq).toList(), "stored seqs");
    }

    /** (3) Everything stored is something alice sent, once, with its own body. */
    private static void assertOnlySentIsStored(List<String> sent, List<Frame.Message> stored) {
        assertEquals(stored.size(), byClientId(stored).size(), "a client_id stored twice");
        for (Frame.Message m : stored) {
            assertTrue(sent.contains(m.clientId()), "stored " + m.clientId() + " was never sent");
            assertEquals("alice", m.fromUsername(), "sender of " + m.clientId());
            assertEquals(body(m.clientId()), m.body(), "body of " + m.clientId());
        }
    }

    /**
     * (4) Alice sends every un-acked client_id again on a fresh socket. One the dead node stored without acking
     * must be answered with the seq it already has, not stored twice.
     */
    private static void resendUnacked(Session alice, String pair, List<String> sent, Map<String, Frame.Ack> acked,
                                      List<Frame.Message> stored, List<AutoCloseable> open) throws Exception {
        ChatSocket socket = NodeCrashIT.socket(alice, new NodeCrashIT.Heard(), open);
        Map<String, CompletableFuture<Frame.Ack>> resent = new LinkedHashMap<>();
        for (String id : sent) {
            if (!acked.containsKey(id)) {
                resent.put(id, socket.send(new Frame.Send(id, pair, null, body(id), null)));
            }
        }
        Map<String, Frame.Message> already = byClientId(stored);
        for (Map.Entry<String, CompletableFuture<Frame.Ack>> e : resent.entrySet()) {
            Frame.Ack ack = e.getValue().get(20, TimeUnit.SECONDS);
            Frame.Message was = already.get(e.getKey());
            if (was != null) {
                assertEquals(was.seq(), ack.seq(), "re-sent " + e.getKey() + " was stored before the kill");
            }
        }
        socket.close();
    }

    /** (4) After the re-send, history holds every client_id alice sent exactly once. */
    private static void assertEachSentStoredOnce(List<String> sent, List<Frame.Message> stored) {
        Map<String, Long> counts = stored.stream().collect(Collectors.groupingBy(
                Frame.Message::clientId, LinkedHashMap::new, Collectors.counting()));
        List<String> missing = sent.stream().filter(id -> !counts.containsKey(id)).toList();
        List<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        assertTrue(missing.isEmpty() && twice.isEmpty() && counts.size() == sent.size(),
                "after the re-send: missing " + missing + ", stored more than once " + twice + ", "
                        + counts.size() + " distinct of " + sent.size() + " sent");
    }

    /** (5) Bob's socket, resumed with sync after the restart, saw every stored message once and in seq order. */
    private static void assertBobSawEachOnceInOrder(NodeCrashIT.Heard bob, String pair, List<Frame.Message> stored)
            throws InterruptedException {
        try {
            ClusterFaultsIT.await(() -> bob.seqs(pair).size() >= stored.size(), 20);
        } catch (AssertionError e) {
            throw new AssertionError("bob saw " + bob.seqs(pair) + " (" + bob.state + ") of " + stored.size(), e);
        }
        Thread.sleep(500); // a duplicate would arrive now
        List<Frame.Message> heard = bob.messages.stream().filter(m -> m.conversationId().equals(pair)).toList();
        assertEquals(stored.stream().map(Frame.Message::seq).toList(), heard.stream().map(Frame.Message::seq).toList(),
                "bob's seqs");
        assertEquals(stored.stream().map(Frame.Message::clientId).toList(),
                heard.stream().map(Frame.Message::clientId).toList(), "bob's messages");
    }

    /** The whole conversation, paging forward through GET /conversations/{id}/messages. */
    private static List<Frame.Message> history(Session s, String conversation) {
        ApiClient api = ApiClient.of(s);
        List<Frame.Message> all = new ArrayList<>();
        for (int page = 0; page < 10; page++) {
            long last = all.isEmpty() ? 0 : all.getLast().seq();
            History h = api.messages(conversation, HistoryQuery.after(last, HistoryQuery.MAX_LIMIT));
            all.addAll(h.messages());
            if (!h.hasMore()) {
                return all;
            }
        }
        throw new AssertionError("history longer than 10 pages: " + all.size() + " so far");
    }

    private static Map<String, Frame.Message> byClientId(List<Frame.Message> messages) {
        Map<String, Frame.Message> out = new LinkedHashMap<>();
        messages.forEach(m -> out.put(m.clientId(), m));
        return out;
    }

    private NodeProcess node(int port, Map<String, String> env, String name, List<AutoCloseable> open)
            throws Exception {
        NodeProcess n = new NodeProcess(port, env, dir.resolve(name + ".log"));
        open.add(n);
        return n;
    }

}
