package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.client.ApiClient;
import org.urulink.client.ChatSocket;
import org.urulink.client.Session;
import org.urulink.client.TokenStore;
import org.urulink.protocol.Frame;

/**
 * Real server processes behind a load balancer: one is killed with SIGKILL mid-conversation. Its clients land on
 * the other node and resume with no gap and no duplicate, the others keep chatting, and a user who does not come
 * back is shown offline once the dead node's lease runs out.
 */
class NodeCrashIT {
    @TempDir
    Path dir;

    static final class Heard implements ChatSocket.Listener {
        final List<Frame.Message> messages = new CopyOnWriteArrayList<>();
        final List<Frame.Presence> presence = new CopyOnWriteArrayList<>();
        volatile ChatSocket.State state = ChatSocket.State.CONNECTING;

        @Override
        public void onFrame(Frame frame) {
            if (frame instanceof Frame.Message m) {
                messages.add(m);
            } else if (frame instanceof Frame.Presence p) {
                presence.add(p);
            }
        }

        @Override
        public void onState(ChatSocket.State s, String detail) {
            state = s;
        }

        List<Long> seqs(String conversation) {
            return messages.stream().filter(m -> m.conversationId().equals(conversation)).map(Frame.Message::seq)
                    .toList();
        }
    }

    @Test
    void aKilledNodesClientsResumeElsewhereWithNoGapAndNoDuplicate() throws Exception {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        List<AutoCloseable> open = new ArrayList<>();
        try (TestDatabase db = new TestDatabase()) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "URULINK_JDBC_URL", db.jdbcUrl(), "URULINK_JDBC_USER", TestDatabase.USER,
                    "URULINK_REDIS_URL", ClusterNodes.REDIS.toString(),
                    "URULINK_AMQP_URL", ClusterNodes.Rabbit.vhost("urulink-crash-" + run).toString(),
                    "URULINK_REDIS_KEY_PREFIX", "urulink-crash-" + run + ":",
                    "URULINK_SIGNING_KEY_FILE", dir.resolve("signing.key").toString(),
                    "XDG_CONFIG_HOME", dir.resolve("config").toString()));
            NodeProcess n1 = node(env, "n1", open);
            NodeProcess n2 = node(env, "n2", open);
            n1.ready(Duration.ofSeconds(60));
            n2.ready(Duration.ofSeconds(60));
            TcpProxy lb = new TcpProxy(List.of(new InetSocketAddress("127.0.0.1", n1.port),
                    new InetSocketAddress("127.0.0.1", n2.port)));
            open.add(lb);

            Session alice = user(URI.create("http://127.0.0.1:" + lb.port()), "alice");
            Session bob = user(n2.uri(), "bob");
            Session carol = user(n1.uri(), "carol");
            Heard aliceHeard = new Heard();
            Heard bobHeard = new Heard();
            ChatSocket aliceSocket = socket(alice, aliceHeard, open);
            ChatSocket bobSocket = socket(bob, bobHeard, open);
            socket(carol, new Heard(), open); // on n1 directly: after the kill it never gets back
            ClusterFaultsIT.await(() -> aliceHeard.state == ChatSocket.State.ONLINE
                    && bobHeard.state == ChatSocket.State.ONLINE, 20);
            ApiClient.of(bob).sendTo("hello-carol", "carol", "hi carol");
            String pair = ApiClient.of(bob).direct("alice").id();

            int each = 60;
            List<CompletableFuture<Frame.Ack>> acks = new ArrayList<>();
            long killedAt = 0;
            for (int i = 1; i <= each; i++) {
                acks.add(aliceSocket.send(new Frame.Send("a" + i, pair, null, "from alice " + i, null)));
                acks.add(bobSocket.send(new Frame.Send("b" + i, pair, null, "from bob " + i, null)));
                Thread.sleep(20);
                if (i == 20) {
                    n1.kill();
                    killedAt = System.nanoTime();
                }
            }
            for (CompletableFuture<Frame.Ack> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
            List<Long> all = LongStream.rangeClosed(1, 2L * each).boxed().toList();
            try {
                ClusterFaultsIT.await(() -> aliceHeard.seqs(pair).size() >= 2 * each
                        && bobHeard.seqs(pair).size() >= 2 * each, 60);
            } catch (AssertionError e) {
                throw new AssertionError("alice saw " + aliceHeard.seqs(pair) + " (" + aliceHeard.state + "), bob saw "
                        + bobHeard.seqs(pair) + " (" + bobHeard.state + ")", e);
            }
            Thread.sleep(500); // a duplicate would arrive now
            assertEquals(all, aliceHeard.seqs(pair), "alice, moved to n2, saw every message once and in order");
            assertEquals(all, bobHeard.seqs(pair), "bob, on n2 all along, saw every message once and in order");

            ClusterFaultsIT.await(() -> bobHeard.presence.stream().anyMatch(p -> p.username().equals("carol")
                    && p.status().equals("offline")), 40);
            long after = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
            assertTrue(after <= 30, "carol shown offline " + after + " s after her node died");
        } finally {
            for (AutoCloseable c : open.reversed()) {
                c.close();
            }
        }
    }

    private NodeProcess node(Map<String, String> env, String id, List<AutoCloseable> open) throws Exception {
        Map<String, String> mine = new HashMap<>(env);
        mine.put("URULINK_NODE_ID", id);
        mine.put("URULINK_DATA_DIR", dir.resolve(id).toString());
        NodeProcess n = new NodeProcess(NodeProcess.freePort(), mine, dir.resolve(id + ".log"));
        open.add(n);
        return n;
    }

    /** Registers and logs in {@code name} on {@code server} (also used by EmbeddedCrashIT). */
    static Session user(URI server, String name) {
        ApiClient anon = ApiClient.anonymous(server);
        anon.register(name, "password-" + name, name);
        return anon.loginSession(name, "password-" + name, TokenStore.inMemory());
    }

    /** A started socket, closed with the test's other resources (also used by EmbeddedCrashIT). */
    static ChatSocket socket(Session s, Heard heard, List<AutoCloseable> open) {
        ChatSocket socket = new ChatSocket(s, heard, ClusterNodes.FAST, Map.of()).start();
        open.add(socket);
        return socket;
    }

}
