package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OpsIT extends ServerIT {

    @Test
    void healthIsUpWithoutAToken() {
        var r = server.get("/health", null);
        assertEquals(200, r.status(), r.text());
        assertEquals("UP", r.json().path("status").asText());
        assertEquals(200, server.get("/health/live", null).status());
    }

    @Test
    void metricsCountConnectionsMessagesAndLogins() {
        var alice = server.account("alice");
        server.account("bob");
        server.login("alice", "wrong horse");
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            a.sendMessage(to("bob"), "m1", "counted");
            String text = server.get("/metrics", null).text();
            assertTrue(text.contains("urulink_connections 1"), text);
            assertTrue(text.matches("(?s).*urulink_messages_in_total 1(\\.0)?\\n.*"), text);
            assertTrue(text.contains("urulink_logins_total{result=\"refused\"} 1"), text);
            assertTrue(text.contains("urulink_store_commit_seconds"), text);
        }
    }

    @Test
    void metricsMoveWithASendADeliveryAndABadFrame() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        String before = server.get("/metrics", null).text();
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            String conv = a.sendMessage(to("bob"), "m1", "counted").path("conversation_id").asText();
            b.awaitType("message");
            // received(), not awaitType(): sendMessage may have skipped past the sender's own copy.
            assertEquals(1, a.received("message", 1, 10_000).size(), "the sender's session gets its message too");
            b.send(Map.of("type", "delivered", "conversation_id", conv, "seq", 1));
            a.awaitType("delivered");
            a.send(Map.of("type", "no-such-frame", "ref", "bad"));
            assertEquals("unknown_type", a.awaitType("error").path("code").asText());

            String after = server.get("/metrics", null).text();
            assertEquals(2, delta(before, after, "urulink_messages_out_total"), "one to bob, one to alice's session");
            assertEquals(1, delta(before, after, "urulink_messages_in_total"));
            assertEquals(1, delta(before, after, "urulink_errors_total{code=\"unknown_type\"}"), after);
            assertEquals(1, delta(before, after, "urulink_store_commit_seconds_count"), after);
            assertTrue(metric(after, "urulink_store_commit_seconds_sum") > 0, after);
        }
    }

    @Test
    void metricsShowTheProcessMemorySoTheBenchCanMeasureBytesPerConnection() {
        String text = server.get("/metrics", null).text();
        assertTrue(text.matches("(?s).*\\nurulink_heap_used_bytes \\d+\\n.*"), text);
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/status"))) {
            assertTrue(text.matches("(?s).*\\nurulink_process_rss_bytes [1-9]\\d*\\n.*"), text);
        }
    }

    private static double delta(String before, String after, String name) {
        return metric(after, name) - metric(before, name);
    }

    /** The value of one sample line ({@code name value}); 0 when it is absent, as a counter never incremented is. */
    private static double metric(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1).strip()))
                .findFirst().orElse(0);
    }
}
