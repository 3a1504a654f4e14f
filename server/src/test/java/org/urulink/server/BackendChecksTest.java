package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wording and masking of checks, without any backend. */
class BackendChecksTest {
    @TempDir
    Path dir;

    @Test
    void aUrlIsShownWithItsUserButNotItsPassword() {
        assertEquals("amqp://app:***@mq:5672/chat", BackendChecks.shown(URI.create("amqp://app:s3cret@mq:5672/chat")));
        assertEquals("redis://:***@cache:6379", BackendChecks.shown(URI.create("redis://:s3cret@cache:6379")));
        assertEquals("redis://cache:6379", BackendChecks.shown(URI.create("redis://cache:6379")));
    }

    @Test
    void anAmqpUrlNamesItsVhostAndUserAsTheRabbitMqClientReadsThem() {
        assertEquals("/", AmqpCheck.vhost(URI.create("amqp://mq:5672")));
        assertEquals("/", AmqpCheck.vhost(URI.create("amqp://mq:5672/")));
        assertEquals("/", AmqpCheck.vhost(URI.create("amqp://mq:5672/%2F")));
        assertEquals("chat", AmqpCheck.vhost(URI.create("amqp://mq:5672/chat")));
        assertEquals("a+b", AmqpCheck.vhost(URI.create("amqp://mq/a+b")), "a plus is a plus");
        assertEquals("a+b", AmqpCheck.vhost(URI.create("amqp://mq/a%2Bb")));
        assertEquals("app+1", AmqpCheck.user(URI.create("amqp://app+1:s3cret@mq/chat")));
    }

    @Test
    void secretsAreMaskedPlainAndUrlEncoded() {
        String said = BackendChecks.mask("refused p@ss:word and p%40ss%3Aword", "p@ss:word");
        assertFalse(said.contains("p@ss") || said.contains("p%40ss"), said);
    }

    @Test
    void theCauseChainNamesWhyAHostIsUnreachable() {
        Exception refused = new IOException("wrapped", new ConnectException("Connection refused"));
        assertEquals("connection refused", Unreachable.of(refused, "Redis", "cache:6379", "redis-url").orElseThrow()
                .reason());
        Unreachable unknown = Unreachable.of(new UnknownHostException("cache"), "Redis", "cache:6379", "redis-url")
                .orElseThrow();
        assertEquals("unknown host cache", unknown.reason());
        assertTrue(unknown.fix().contains("redis-url"), unknown.fix());
        assertTrue(Unreachable.of(new IOException("other"), "Redis", "cache:6379", "redis-url").isEmpty());
    }

    @Test
    void anExistingSigningKeyIsKeptAndAMissingOneIsMade() throws IOException {
        Path key = dir.resolve("keys/signing.key");
        Check made = BackendChecks.signingKey(key, true, true);
        assertTrue(made.ok() && made.detail().contains("generated"), made.toString());
        String first = Files.readString(key);
        Check kept = BackendChecks.signingKey(key, true, true);
        assertTrue(kept.ok() && kept.detail().contains("kept"), kept.toString());
        assertEquals(first, Files.readString(key));
    }

    @Test
    void aMissingKeyIsAFailureOnlyWhenNodesShareIt() {
        Path key = dir.resolve("signing.key");
        assertTrue(BackendChecks.signingKey(key, false, false).ok());
        Check shared = BackendChecks.signingKey(key, false, true);
        assertFalse(shared.ok());
        assertTrue(shared.fix().contains("copy the key file"), shared.fix());
    }

    @Test
    void anEmbeddedDatabaseWithFourKibPagesIsAWarningWithTheConversion() throws Exception {
        assertEquals(Check.State.PASSED, LocalChecks.sqlitePages(dir).state(), "no database yet");
        Path file = dir.resolve(SqliteDatabase.FILE_NAME);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            st.execute("PRAGMA page_size = 4096");
            st.execute("PRAGMA journal_mode = WAL");
        }
        Check old = LocalChecks.sqlitePages(dir);
        assertEquals(Check.State.WARNING, old.state(), old.toString());
        assertTrue(old.detail().contains("4096-byte pages"), old.detail());
        assertTrue(old.fix().contains("PRAGMA page_size=1024; VACUUM"), old.fix());
    }

    @Test
    void aDatabaseTheServerMakesPassesThePageCheck() {
        Path data = dir.resolve("data");
        try (var ds = SqliteDatabase.open(data)) {
            Check made = LocalChecks.sqlitePages(data);
            assertEquals(Check.State.PASSED, made.state(), made.toString());
            assertTrue(made.detail().contains("1024-byte pages"), made.detail());
        }
    }
}
