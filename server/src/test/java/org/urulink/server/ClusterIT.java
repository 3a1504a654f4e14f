package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes, one user base: what a user on one node does reaches users on the other. */
class ClusterIT {
    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();
    @TempDir
    Path data;
    TestCluster cluster;

    @BeforeEach
    void start() {
        cluster = new TestCluster(data, POSTGRES.database());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aMessageSentOnOneNodeArrivesLiveOnTheOther() {
        var alice = cluster.a.account(TestServer.uniqueName("alice"));
        var bob = cluster.b.account(TestServer.uniqueName("bob"));
        try (WsClient a = WsClient.ready(cluster.a, alice.accessToken());
             WsClient b = WsClient.ready(cluster.b, bob.accessToken())) {
            JsonNode ack = a.sendMessage(Map.of("to", bob.username()), "c1", "across nodes");
            assertEquals("ack", ack.path("type").asText(), ack.toString());
            JsonNode m = b.awaitType("message");
            assertEquals("across nodes", m.path("body").asText());
            assertEquals(ack.path("seq").asLong(), m.path("seq").asLong());
        }
    }

    @Test
    void healthNamesTheNodeAndShowsEveryBackendUp() {
        JsonNode health = cluster.b.get("/health", null).json();
        assertEquals("UP", health.path("status").asText());
        assertEquals("cluster", health.path("mode").asText());
        assertEquals(cluster.nodeId("b"), health.path("node").asText());
        assertEquals("UP", health.path("presence").asText());
        assertEquals("UP", health.path("bus").asText());
    }

    @Test
    void everySessionOfAUserGetsItWhicheverNodeItIsOn() {
        var alice = cluster.a.account(TestServer.uniqueName("alice"));
        var bob = cluster.a.account(TestServer.uniqueName("bob"));
        try (WsClient a = WsClient.ready(cluster.a, alice.accessToken());
             WsClient bobHere = WsClient.ready(cluster.a, bob.accessToken());
             WsClient bobThere = WsClient.ready(cluster.b, cluster.b.login(bob.username()).accessToken());
             WsClient aliceThere = WsClient.ready(cluster.b, cluster.b.login(alice.username()).accessToken())) {
            a.sendMessage(Map.of("to", bob.username()), "c1", "to every device");
            assertEquals("to every device", bobHere.awaitType("message").path("body").asText());
            assertEquals("to every device", bobThere.awaitType("message").path("body").asText());
            // The sender's other device, on the other node, shows the sent message too.
            assertEquals("to every device", aliceThere.awaitType("message").path("body").asText());
        }
    }

    @Test
    void presenceIsTheSameSeenFromEitherNode() {
        var alice = cluster.a.account(TestServer.uniqueName("alice"));
        var bob = cluster.b.account(TestServer.uniqueName("bob"));
        try (WsClient a = WsClient.ready(cluster.a, alice.accessToken())) {
            a.sendMessage(Map.of("to", bob.username()), "c1", "hi");
            WsClient b = WsClient.ready(cluster.b, bob.accessToken());
            JsonNode online = a.await(f -> "presence".equals(f.path("type").asText())
                    && bob.id().equals(f.path("user").asText()));
            assertEquals("online", online.path("status").asText());
            assertTrue(cluster.a.get("/users/" + bob.username(), alice.accessToken()).json().path("online").asBoolean());
            b.close();
            JsonNode offline = a.await(f -> "presence".equals(f.path("type").asText())
                    && "offline".equals(f.path("status").asText()));
            assertEquals(bob.id(), offline.path("user").asText());
            assertFalse(cluster.b.get("/users/" + bob.username(), alice.accessToken()).json().path("online").asBoolean());
        }
    }

    @Test
    void logoutOnOneNodeClosesTheLoginsSessionsOnTheOther() {
        var bob = cluster.a.account(TestServer.uniqueName("bob"));
        try (WsClient b = WsClient.ready(cluster.b, bob.accessToken())) {
            assertEquals(204, cluster.a.post("/logout", null, Map.of("refreshToken", bob.refreshToken())).status());
            assertEquals(4003, b.awaitClose(10));
        }
    }

    @Test
    void aTicketFromOneNodeOpensASessionOnTheOther() {
        var alice = cluster.a.account(TestServer.uniqueName("alice"));
        String ticket = cluster.a.post("/ws-ticket", alice.accessToken(), null).json().path("ticket").asText();
        try (WsClient c = WsClient.open(cluster.b.wsUri("/ws?ticket=" + ticket), Map.of())) {
            assertEquals(alice.id(), c.awaitType("hello").path("user").path("id").asText());
        }
        // Once used, on any node.
        assertEquals(401, WsClient.refusedStatus(cluster.a.wsUri("/ws?ticket=" + ticket), Map.of()));
    }

    @Test
    void wrongPasswordsAreCountedAcrossNodes() {
        String name = TestServer.uniqueName("carol");
        cluster.a.register(name, TestServer.PASSWORD);
        for (int i = 1; i <= 10; i++) {
            TestServer node = i % 2 == 0 ? cluster.a : cluster.b;
            assertEquals(401, node.login(name, "wrong horse").status(), "attempt " + i);
        }
        assertEquals(429, cluster.a.login(name, "wrong horse").status());
        assertEquals(429, cluster.b.login(name, TestServer.PASSWORD).status());
    }

    @Test
    void whileRabbitMqIsDownSendsAreStoredAndAckedAndTheRecipientCatchesUpAfter() {
        var alice = cluster.a.account(TestServer.uniqueName("alice"));
        var bob = cluster.b.account(TestServer.uniqueName("bob"));
        try (WsClient a = WsClient.ready(cluster.a, alice.accessToken());
             WsClient b = WsClient.ready(cluster.b, bob.accessToken())) {
            a.sendMessage(Map.of("to", bob.username()), "c0", "before");
            assertEquals("before", b.awaitType("message").path("body").asText());
            long seq;
            Broker.stop();
            try {
                JsonNode ack = a.sendMessage(Map.of("to", bob.username()), "c1", "while the broker is down");
                assertEquals("ack", ack.path("type").asText(), "stored and acked without the broker: " + ack);
                seq = ack.path("seq").asLong();
                assertTrue(b.drainType("message", 1_000).isEmpty(), "nothing can cross nodes now");
            } finally {
                Broker.start();
            }
            // Once the nodes are back on the broker, bob's session is told to catch up, and does.
            JsonNode told = b.await(f -> "sync_required".equals(f.path("code").asText()), 30_000);
            assertEquals("error", told.path("type").asText());
            b.send(Map.of("type", "sync"));
            JsonNode missed = b.await(f -> "message".equals(f.path("type").asText())
                    && "while the broker is down".equals(f.path("body").asText()));
            assertEquals(seq, missed.path("seq").asLong());
            // And live delivery works again.
            a.sendMessage(Map.of("to", bob.username()), "c2", "after");
            assertEquals("after", b.await(f -> "after".equals(f.path("body").asText()), 10_000).path("body").asText());
        }
    }

    /** The machine's RabbitMQ, stopped and started through rabbitmqctl (the test runs as the broker's admin). */
    static final class Broker {
        static void stop() {
            TestCluster.Vhost.rabbitmqctl("stop_app");
        }

        static void start() {
            TestCluster.Vhost.rabbitmqctl("start_app");
            TestCluster.Vhost.rabbitmqctl("await_startup");
        }
    }
}
