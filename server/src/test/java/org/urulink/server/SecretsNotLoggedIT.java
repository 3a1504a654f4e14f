package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.protocol.CloseCodes;

/**
 * A log is read by more people than the accounts' owners (operators, log shippers, support): whoever reads a
 * token, ticket or password there can act as that user. Every way a secret reaches the server is used, accepted
 * and refused, with logging at its most verbose, and none of them may show up.
 */
class SecretsNotLoggedIT {
    @TempDir
    Path dir;

    /** What each secret is, for the failure message, to its value. */
    private final Map<String, String> secrets = new LinkedHashMap<>();

    @Test
    void noTokenTicketOrPasswordIsLoggedEvenAtDebugLevel() {
        LogCapture log = LogCapture.everything();
        try (log; TestServer server = new TestServer(dir)) {
            useEverySecret(server);
        }
        List<LogCapture.Entry> entries = log.entries();
        assertCaptureWasLive(entries);
        List<String> leaks = new ArrayList<>();
        secrets.forEach((what, value) -> {
            List<String> by = entries.stream().filter(e -> e.text().contains(value))
                    .map(e -> e.logger() + " at " + e.level()).distinct().toList();
            if (!by.isEmpty()) {
                leaks.add(what + ", by " + String.join(", ", by));
            }
        });
        assertTrue(leaks.isEmpty(), leaks.size() + " secrets were logged:\n" + String.join("\n", leaks));
    }

    /** Without this the test would pass on a capture that saw nothing. */
    private static void assertCaptureWasLive(List<LogCapture.Entry> entries) {
        assertTrue(entries.stream().anyMatch(e -> e.text().contains("login refused for")),
                "the audit line of the mistyped password was not captured");
        assertTrue(entries.stream().anyMatch(e -> e.level().intValue() < Level.INFO.intValue()),
                "nothing below INFO was captured, so debug logging was not on");
    }

    private void useEverySecret(TestServer server) {
        String alice = TestServer.uniqueName("alice");
        String password = secret("alice's password", "pw-" + UUID.randomUUID());
        assertEquals(200, server.register(alice, password).status());
        assertEquals(401, server.login(alice, secret("a mistyped password", "mistyped-" + UUID.randomUUID())).status());
        Pair first = pair("alice's first", server.login(alice, password));
        Pair second = pair("alice's second", refresh(server, first.refresh));

        TestServer.Account bob = server.account(TestServer.uniqueName("bob"));
        secret("bob's password", TestServer.PASSWORD);
        secret("bob's access token", bob.accessToken());
        secret("bob's refresh token", bob.refreshToken());
        String ticket = secret("bob's ws ticket",
                server.post("/ws-ticket", bob.accessToken(), null).json().path("ticket").asText());

        try (WsClient a = WsClient.ready(server, second.access);
             WsClient b = WsClient.open(server.wsUri("/ws?ticket=" + ticket), Map.of())) {
            b.awaitType("hello");
            // A long-lived socket renews its access token with an auth frame instead of reconnecting.
            Pair third = pair("alice's third", refresh(server, second.refresh));
            a.send(Map.of("type", "auth", "token", third.access));
            a.awaitType("authed");
            a.sendMessage(Map.of("to", bob.username()), "c1", "hello bob");
            assertEquals("hello bob", b.awaitType("message").path("body").asText());

            assertEquals(401, WsClient.refusedStatus(server.wsUri("/ws?ticket=" + ticket), Map.of()), "used ticket");
            presentBadTokens(server, alice, third.access);

            // A refresh token used twice is taken as stolen: refused, and the whole login is revoked.
            assertEquals(401, refresh(server, first.refresh).status());
            assertEquals(CloseCodes.REVOKED, a.awaitClose(5));

            assertEquals(204, server.post("/logout", null, Map.of("refreshToken", bob.refreshToken())).status());
            assertEquals(CloseCodes.REVOKED, b.awaitClose(5));
        }
    }

    private record Pair(String access, String refresh) {
    }

    /** The tokens a login or refresh answered, each remembered as a secret. */
    private Pair pair(String whose, TestServer.Reply answer) {
        assertEquals(200, answer.status(), answer.text());
        return new Pair(secret(whose + " access token", answer.json().path("accessToken").asText()),
                secret(whose + " refresh token", answer.json().path("refreshToken").asText()));
    }

    private static TestServer.Reply refresh(TestServer server, String refreshToken) {
        return server.post("/token/refresh", null, Map.of("refreshToken", refreshToken));
    }

    /** Forged and expired access tokens, on HTTP, at the native upgrade and at the seed's bare-header upgrade. */
    private void presentBadTokens(TestServer server, String username, String access) {
        String expired = secret("an expired access token", expiredCopyOf(server, access));
        var refused = server.get("/conversations", expired);
        assertEquals("token_expired", refused.errorCode(), "the expired token is genuine: " + refused.text());
        List<String> bad = List.of(expired,
                secret("a token signed with another key", Jwts.resignedWithOtherKey(access)),
                secret("a token with its expiry extended", Jwts.tamperedExpiry(access)),
                secret("an alg:none token", Jwts.unsigned(access)));
        for (String token : bad) {
            assertEquals(401, server.get("/conversations", token).status());
            assertEquals(401, WsClient.refusedStatus(server.wsUri("/ws"), Map.of("Authorization", "Bearer " + token)));
            assertEquals(401, WsClient.refusedStatus(server.wsUri("/ws?receiver_id=" + username),
                    Map.of("Authorization", token)));
        }
    }

    /** A token the server really signed for the same login, that ran out 45 minutes ago. */
    private static String expiredCopyOf(TestServer server, String access) {
        var claims = Jwts.payload(access);
        byte[] key = SigningKey.loadOrCreate(server.dataDir.resolve("signing.key"));
        Clock anHourAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        User user = new User(claims.path("sub").asText(), claims.path("username").asText(), "", "", 0);
        return new Tokens(key, Duration.ofMinutes(15), anHourAgo).issue(user, claims.path("sid").asText());
    }

    /**
     * Remembers a secret, and also its part after the last dot (a JWT's signature, a refresh token's or ticket's
     * random hex): a log that cut the prefix off would still leak it.
     */
    private String secret(String what, String value) {
        assertTrue(value.length() >= 8, what + " is missing or too short to search for: '" + value + "'");
        secrets.put(what, value);
        String tail = value.substring(value.lastIndexOf('.') + 1);
        if (tail.length() >= 16 && !tail.equals(value)) {
            secrets.putIfAbsent(what + " (its part after the last dot)", tail);
        }
        return value;
    }
}
