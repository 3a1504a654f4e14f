package org.urulink.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh server over a fresh data directory for every test, on a clock the test may move forward. */
abstract class ServerIT {
    @TempDir
    Path dir;
    TestServer server;
    /** The time of every server this test starts: the system's until the test skips ahead. */
    final SkippingClock clock = new SkippingClock();

    @BeforeEach
    void startServer() {
        server = newServer(c -> c);
    }

    /** A server over this test's data directory; the Postgres* subclasses keep its history in PostgreSQL. */
    TestServer newServer(UnaryOperator<ServerConfig> tweak) {
        return new TestServer(dir, tweak, clock);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Replaces the running server with one built from a tweaked config over the same data directory. */
    void restartWith(UnaryOperator<ServerConfig> tweak) {
        server.close();
        server = newServer(tweak);
    }

    static Map<String, Object> to(String ref) {
        return Map.of("to", ref);
    }

    static Map<String, Object> in(String conversationId) {
        return Map.of("conversation_id", conversationId);
    }
}
