package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;

/** How an amqp-url names its vhost, against the RabbitMQ on 127.0.0.1 (./test.sh starts it). */
class AmqpUrlIT {
    private static final String BASE = System.getenv().getOrDefault("URULINK_TEST_AMQP_URL",
            "amqp://guest:guest@127.0.0.1:5672");

    @Test
    void aUrlEndingInASlashReachesTheDefaultVhost() throws Exception {
        URI uri = URI.create(BASE + "/");
        try (Connection c = AmqpConnections.open(uri, "urulink test")) {
            assertTrue(c.isOpen());
        }
        Check check = AmqpCheck.connect(uri);
        assertTrue(check.ok(), check.toString());
        assertTrue(check.detail().contains("to vhost /"), check.detail());
    }

    @Test
    void aUrlWithoutAPathReachesTheDefaultVhostToo() throws Exception {
        try (Connection c = AmqpConnections.open(URI.create(BASE), "urulink test")) {
            assertTrue(c.isOpen());
        }
    }

    @Test
    void aMissingVhostIsNamedPlainly() throws Exception {
        URI uri = URI.create(BASE + "/no-such-vhost-here");
        BackendException e;
        try (LogCapture logs = LogCapture.everything()) {
            e = assertThrows(BackendException.class, () -> AmqpConnections.open(uri, "urulink test"));
            Thread.sleep(300); // the library's reader thread notices the closed socket after the call returns
            var warnings = logs.entries().stream().filter(x -> x.level().intValue() >= java.util.logging.Level.WARNING.intValue())
                    .map(LogCapture.Entry::text).toList();
            assertTrue(warnings.isEmpty(), "one message, the exception's, not the library's warnings too: " + warnings);
        }
        assertTrue(e.getMessage().contains("vhost no-such-vhost-here not found"), e.getMessage());
        assertFalse(e.getMessage().contains("#method"), "the broker's reply text, not the frame dump: " + e.getMessage());
        Check check = AmqpCheck.connect(uri);
        assertFalse(check.ok());
        assertTrue(check.detail().contains("vhost no-such-vhost-here does not exist"), check.detail());
    }
}
