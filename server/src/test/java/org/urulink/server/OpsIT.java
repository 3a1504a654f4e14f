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
    void metricsShowTheProcessMemorySoTheBenchCanMeasureBytesPerConnection() {
        String text = server.get("/metrics", null).text();
        assertTrue(text.matches("(?s).*\\nurulink_heap_used_bytes \\d+\\n.*"), text);
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/status"))) {
            assertTrue(text.matches("(?s).*\\nurulink_process_rss_bytes [1-9]\\d*\\n.*"), text);
        }
    }
}
