package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountsIT extends ServerIT {

    @Test
    void registerAnswersTheNewAccount() {
        var r = server.post("/register", null, Map.of("username", "alice", "password", "correct horse", "name", "Alice A"));
        assertEquals(200, r.status(), r.text());
        assertEquals("alice", r.json().path("username").asText());
        assertEquals("Alice A", r.json().path("name").asText());
        assertFalse(r.json().path("id").asText().isEmpty());
    }

    @Test
    void userIdsAreRandomUuids() {
        String a = server.register("alice", "correct horse").json().path("id").asText();
        String b = server.register("bob", "correct horse").json().path("id").asText();
        assertEquals(4, UUID.fromString(a).version());
        assertEquals(4, UUID.fromString(b).version());
        assertNotEquals(a, b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a23456789012345678901234567890123", "al ice", "al!ce", "ålice", "alice@home", ""})
    void badUsernameIsRefused(String username) {
        var r = server.register(username, "correct horse");
        assertEquals(400, r.status(), r.text());
        assertEquals("invalid_username", r.errorCode());
    }

    @Test
    void usernameIsStoredLowercase() {
        var r = server.register("Alice", "correct horse");
        assertEquals(200, r.status(), r.text());
        assertEquals("alice", r.json().path("username").asText());
        assertEquals(200, server.login("ALICE", "correct horse").status());
    }

    @Test
    void usernameTakenIgnoringCaseIsRefused() {
        server.register("alice", "correct horse");
        var r = server.register("ALICE", "another password");
        assertEquals(409, r.status(), r.text());
        assertEquals("username_taken", r.errorCode());
    }

    @Test
    void shortPasswordIsRefused() {
        var r = server.register("alice", "1234567");
        assertEquals(400, r.status(), r.text());
        assertEquals("weak_password", r.errorCode());
    }

    @Test
    void passwordOverTheLimitIsRefusedBeforeHashing() {
        var r = server.register("alice", "p".repeat(1025));
        assertEquals(400, r.status(), r.text());
        assertEquals("weak_password", r.errorCode());
        assertEquals(200, server.register("alice", "p".repeat(1024)).status(), "1,024 characters are fine");
    }

    @Test
    void nameTooLongOrWithControlCharactersIsRefused() {
        for (String name : new String[] {"n".repeat(65), "line\nbreak", "bell\u0007"}) {
            var r = server.post("/register", null, Map.of("username", "alice", "password", "correct horse", "name", name));
            assertEquals(400, r.status(), r.text());
            assertEquals("invalid", r.errorCode());
        }
        var ok = server.post("/register", null, Map.of("username", "alice", "password", "correct horse", "name", "Ålice 🙂"));
        assertEquals(200, ok.status(), ok.text());
        assertEquals("Ålice 🙂", server.login("alice", "correct horse").json().path("user").path("name").asText());
    }

    @Test
    void malformedJsonBodyIsRefused() {
        var r = server.post("/register", null, "{\"username\": \"alice\", ");
        assertEquals(400, r.status(), r.text());
        assertEquals("bad_json", r.errorCode());
        var login = server.post("/login", null, "not json at all");
        assertEquals(400, login.status(), login.text());
        assertEquals("bad_json", login.errorCode());
    }

    @Test
    void loginAnswersTokensAndTheUser() {
        String id = server.register("alice", "correct horse").json().path("id").asText();
        var r = server.login("alice", "correct horse");
        assertEquals(200, r.status(), r.text());
        assertEquals(3, r.json().path("accessToken").asText().split("\\.").length);
        assertTrue(r.json().path("refreshToken").asText().length() > 20);
        assertEquals(900, r.json().path("expiresIn").asLong());
        assertEquals(id, r.json().path("user").path("id").asText());
        assertEquals("alice", r.json().path("user").path("username").asText());
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        server.register("alice", "correct horse");
        var wrong = server.login("alice", "wrong horse");
        var unknown = server.login("nobody", "wrong horse");
        assertEquals(401, wrong.status());
        assertEquals("invalid_credentials", wrong.errorCode());
        assertEquals(wrong.status(), unknown.status());
        assertEquals(wrong.text(), unknown.text());
    }

    @Test
    void eleventhWrongPasswordIsThrottled() {
        server.register("alice", "correct horse");
        for (int i = 1; i <= 10; i++) {
            assertEquals(401, server.login("alice", "wrong horse").status(), "attempt " + i);
        }
        var r = server.login("alice", "wrong horse");
        assertEquals(429, r.status(), r.text());
        assertEquals("rate_limited", r.errorCode());
        // Even the right password waits now: otherwise the throttle would tell a guesser when they hit it.
        assertEquals(429, server.login("alice", "correct horse").status());
    }

    @Test
    void refreshIssuesANewRefreshTokenThatWorks() {
        var alice = server.account("alice");
        var first = server.post("/token/refresh", null, Map.of("refreshToken", alice.refreshToken()));
        assertEquals(200, first.status(), first.text());
        String r2 = first.json().path("refreshToken").asText();
        assertNotEquals(alice.refreshToken(), r2);
        assertEquals(200, server.get("/conversations", first.json().path("accessToken").asText()).status());
        var second = server.post("/token/refresh", null, Map.of("refreshToken", r2));
        assertEquals(200, second.status(), second.text());
    }

    @Test
    void usedRefreshTokenIsRefused() {
        var alice = server.account("alice");
        assertEquals(200, server.post("/token/refresh", null, Map.of("refreshToken", alice.refreshToken())).status());
        var again = server.post("/token/refresh", null, Map.of("refreshToken", alice.refreshToken()));
        assertEquals(401, again.status(), again.text());
    }

    @Test
    void reusedRefreshTokenRevokesTheWholeLogin() {
        var alice = server.account("alice");
        var otherLogin = server.login("alice");
        var rotated = server.post("/token/refresh", null, Map.of("refreshToken", alice.refreshToken()));
        String newestRefresh = rotated.json().path("refreshToken").asText();
        String newestAccess = rotated.json().path("accessToken").asText();

        assertEquals(401, server.post("/token/refresh", null, Map.of("refreshToken", alice.refreshToken())).status());

        assertEquals(401, server.post("/token/refresh", null, Map.of("refreshToken", newestRefresh)).status());
        assertEquals(401, server.get("/conversations", newestAccess).status());
        assertEquals(401, server.get("/conversations", alice.accessToken()).status());
        // Another login of the same user is not the stolen one and keeps working.
        assertEquals(200, server.get("/conversations", otherLogin.accessToken()).status());
    }

    @Test
    void registerWithoutAUsernameOrPasswordSaysWhatIsMissing() {
        for (var body : List.of(Map.of("username", "alice"), Map.of("password", "correct horse"))) {
            var r = server.post("/register", null, body);
            assertEquals(400, r.status(), r.text());
            assertEquals("missing_field", r.errorCode());
            assertEquals("username and password are required", r.json().path("error").path("message").asText());
        }
        assertEquals(404, server.get("/users/alice", server.account("bob").accessToken()).status(), "nothing stored");
    }

    @Test
    void loginWithoutAUsernameOrPasswordSaysWhatIsMissing() {
        server.account("alice");
        for (var body : List.of(Map.of("username", "alice"), Map.of("password", TestServer.PASSWORD), Map.of())) {
            var r = server.post("/login", null, body);
            assertEquals(400, r.status(), r.text());
            assertEquals("missing_field", r.errorCode());
        }
    }

    @Test
    void garbageRefreshTokenIsRefused() {
        server.account("alice");
        for (String token : List.of("r1.0123456789abcdef", "not a token at all")) {
            var r = server.post("/token/refresh", null, Map.of("refreshToken", token));
            assertEquals(401, r.status(), r.text());
            assertEquals("unauthorized", r.errorCode());
        }
    }

    @Test
    void expiredRefreshTokenIsRefused() throws InterruptedException {
        restartWith(c -> c.with(b -> b.refreshTokenTtl(Duration.ofSeconds(1))));
        var alice = server.account("alice");
        Thread.sleep(1500);
        var r = server.post("/token/refresh", null, Map.of("refreshToken", alice.refreshToken()));
        assertEquals(401, r.status(), r.text());
        assertEquals("unauthorized", r.errorCode());
        assertEquals(401, server.get("/conversations", alice.accessToken()).status(), "the login itself is over");
    }

    @Test
    void aLoginInUseOutlivesTheRefreshTokenTtl() {
        var alice = server.account("alice");
        clock.skip(Duration.ofDays(20));
        var day20 = refresh(alice.refreshToken());
        assertEquals(200, day20.status(), day20.text());
        clock.skip(Duration.ofDays(25));
        var day45 = refresh(day20.json().path("refreshToken").asText());
        assertEquals(200, day45.status(), "15 days past the 30 after the password login: " + day45.text());
        assertEquals(200, server.get("/conversations", day45.json().path("accessToken").asText()).status());
    }

    @Test
    void aLoginUnusedForTheRefreshTokenTtlIsOver() {
        var alice = server.account("alice");
        clock.skip(Duration.ofDays(31));
        assertUnusableRefreshToken(refresh(alice.refreshToken()));
    }

    @Test
    void aRefreshedLoginEndsTheRefreshTokenTtlAfterItsLastRefresh() {
        var alice = server.account("alice");
        clock.skip(Duration.ofDays(20));
        var day20 = refresh(alice.refreshToken());
        assertEquals(200, day20.status(), day20.text());
        clock.skip(Duration.ofDays(31));
        var day51 = refresh(day20.json().path("refreshToken").asText());
        assertUnusableRefreshToken(day51);
    }

    private TestServer.Reply refresh(String refreshToken) {
        return server.post("/token/refresh", null, Map.of("refreshToken", refreshToken));
    }

    /** The answer to an unknown, expired or revoked refresh token: the one error, whichever it was. */
    private static void assertUnusableRefreshToken(TestServer.Reply r) {
        assertEquals(401, r.status(), r.text());
        assertEquals("unauthorized", r.errorCode());
        assertEquals("this refresh token is not valid; log in again", r.json().path("error").path("message").asText());
    }

    @Test
    void refreshOrLogoutWithoutARefreshTokenSaysItIsMissing() {
        var alice = server.account("alice");
        for (String path : List.of("/token/refresh", "/logout")) {
            var r = server.post(path, null, Map.of());
            assertEquals(400, r.status(), path + ": " + r.text());
            assertEquals("missing_field", r.errorCode());
        }
        assertEquals(200, server.get("/conversations", alice.accessToken()).status(), "nobody was logged out");
    }

    @Test
    void logoutOfAnUnknownRefreshTokenStillAnswers204() {
        // The caller wants to be logged out, and is: a token already revoked or expired is no error.
        var r = server.post("/logout", null, Map.of("refreshToken", "r1.0123456789abcdef"));
        assertEquals(204, r.status(), r.text());
    }

    @Test
    void logoutRevokesTheLogin() {
        var alice = server.account("alice");
        var r = server.post("/logout", null, Map.of("refreshToken", alice.refreshToken()));
        assertEquals(204, r.status(), r.text());
        assertEquals(401, server.get("/conversations", alice.accessToken()).status());
        assertEquals(401, server.post("/token/refresh", null, Map.of("refreshToken", alice.refreshToken())).status());
        assertEquals(401, WsClient.refusedStatus(server.wsUri("/ws"), Map.of("Authorization", "Bearer " + alice.accessToken())));
    }

    @Test
    void logoutClosesTheSessionsOfThatLoginWith4003() {
        var alice = server.account("alice");
        var phone = server.login("alice");
        server.account("bob");
        try (WsClient desktop = WsClient.ready(server, alice.accessToken());
             WsClient seed = WsClient.seed(server, alice.accessToken(), "bob");
             WsClient onPhone = WsClient.ready(server, phone.accessToken())) {
            assertEquals(204, server.post("/logout", null, Map.of("refreshToken", alice.refreshToken())).status());
            assertEquals(4003, desktop.awaitClose(5));
            assertEquals(4003, seed.awaitClose(5));
            onPhone.send(Map.of("type", "ping", "ref", "phone"));
            assertEquals("phone", onPhone.awaitType("pong").path("ref").asText(), "another login's session stays");
        }
    }

    @Test
    void reusedRefreshTokenClosesTheSessionsOfThatLoginWith4003() {
        var alice = server.account("alice");
        var rotated = server.post("/token/refresh", null, Map.of("refreshToken", alice.refreshToken())).json();
        try (WsClient renewed = WsClient.ready(server, rotated.path("accessToken").asText())) {
            assertEquals(401, server.post("/token/refresh", null, Map.of("refreshToken", alice.refreshToken())).status());
            assertEquals(4003, renewed.awaitClose(5));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"other-key", "alg-none", "tampered-exp", "garbage", "empty-bearer"})
    void badTokenIsRefusedOnHttp(String kind) {
        var alice = server.account("alice");
        var r = server.callWith("GET", "/conversations", Map.of("Authorization", "Bearer " + badToken(kind, alice)), null);
        assertEquals(401, r.status(), r.text());
        assertEquals("unauthorized", r.errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"other-key", "alg-none", "tampered-exp", "garbage", "empty-bearer"})
    void badTokenIsRefusedAtUpgrade(String kind) {
        var alice = server.account("alice");
        String token = badToken(kind, alice);
        assertEquals(401, WsClient.refusedStatus(server.wsUri("/ws"), Map.of("Authorization", "Bearer " + token)));
    }

    @Test
    void missingTokenIsRefusedOnHttpAndAtUpgrade() {
        var r = server.get("/conversations", null);
        assertEquals(401, r.status(), r.text());
        assertEquals(401, WsClient.refusedStatus(server.wsUri("/ws"), Map.of()));
    }

    @Test
    void plainGetOfTheSocketAnswers426() {
        var r = server.get("/ws", null);
        assertEquals(426, r.status(), r.text());
    }

    @Test
    void expiredTokenIsRefusedOnHttpAndAtUpgrade() throws InterruptedException {
        restartWith(c -> c.withAccessTokenTtl(Duration.ofSeconds(1)));
        var alice = server.account("alice");
        Thread.sleep(1500);
        var r = server.get("/conversations", alice.accessToken());
        assertEquals(401, r.status(), r.text());
        assertEquals("token_expired", r.errorCode());
        assertEquals(401, WsClient.refusedStatus(server.wsUri("/ws"), Map.of("Authorization", "Bearer " + alice.accessToken())));
        assertEquals(401, WsClient.refusedStatus(server.wsUri("/ws?receiver_id=alice"), Map.of("Authorization", alice.accessToken())));
    }

    @Test
    void signingKeyFileIsReadableByTheOwnerOnly() throws Exception {
        var perms = Files.getPosixFilePermissions(dir.resolve("signing.key"));
        assertEquals("rw-------", PosixFilePermissions.toString(perms));
    }

    @Test
    void signingKeySurvivesARestartSoTokensStayValid() {
        var alice = server.account("alice");
        restartWith(c -> c);
        assertEquals(200, server.get("/conversations", alice.accessToken()).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "c2hvcnQ"})
    void emptyOrShortSigningKeyStopsTheStartAndNamesTheFile(String content) throws Exception {
        server.close();
        server = null;
        Path key = dir.resolve("signing.key");
        Files.writeString(key, content);
        var e = assertThrows(IllegalStateException.class, () -> newServer(c -> c));
        assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("at least 32"), e.getMessage());
        assertEquals(content, Files.readString(key), "a bad key is never replaced: that would log everyone out");
    }

    @Test
    void userLookupNeedsAToken() {
        var alice = server.account("alice");
        assertEquals(401, server.get("/users/alice", null).status());
        assertEquals(401, server.get("/users?prefix=al", null).status());
        var one = server.get("/users/alice", alice.accessToken());
        assertEquals(200, one.status(), one.text());
        assertEquals(alice.id(), one.json().path("id").asText());
        var list = server.get("/users?prefix=AL", alice.accessToken());
        assertEquals(200, list.status(), list.text());
        assertEquals("alice", list.json().path("users").path(0).path("username").asText());
        assertEquals(404, server.get("/users/nobody", alice.accessToken()).status());
    }

    @Test
    void strangersSeeNoPresence() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient b = WsClient.ready(server, bob.accessToken())) {
            var one = server.get("/users/bob", alice.accessToken());
            assertEquals(200, one.status(), one.text());
            assertEquals(bob.id(), one.json().path("id").asText());
            assertFalse(one.json().has("online"), one.text());
            assertFalse(one.json().has("last_seen"), one.text());
            var list = server.get("/users?prefix=bo", alice.accessToken());
            assertEquals("bob", list.json().path("users").path(0).path("username").asText());
            assertFalse(list.json().path("users").path(0).has("online"), list.text());
            assertFalse(list.json().path("users").path(0).has("last_seen"), list.text());
        }
    }

    @Test
    void peersSeePresenceOnceTheyShareAConversation() throws InterruptedException {
        var alice = server.account("alice");
        var bob = server.account("bob");
        WsClient b = WsClient.ready(server, bob.accessToken());
        assertFalse(server.get("/users/bob", alice.accessToken()).json().has("online"), "strangers still");
        assertEquals(200, server.post("/messages", alice.accessToken(),
                Map.of("client_id", "p1", "to", "bob", "body", "hi")).status());
        assertTrue(server.get("/users/bob", alice.accessToken()).json().path("online").asBoolean());
        b.close();
        var view = server.get("/users/bob", alice.accessToken()).json();
        for (int i = 0; i < 250 && view.path("online").asBoolean(); i++) {
            Thread.sleep(20);
            view = server.get("/users/bob", alice.accessToken()).json();
        }
        assertFalse(view.path("online").asBoolean(), view.toString());
        assertTrue(view.path("last_seen").asLong() > 0, view.toString());
    }

    @Test
    void everyoneSeesTheirOwnPresence() {
        var alice = server.account("alice");
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            var me = server.get("/users/alice", alice.accessToken()).json();
            assertTrue(me.path("online").asBoolean(), me.toString());
        }
    }

    @Test
    void wsTicketOpensOneSessionOnly() {
        var alice = server.account("alice");
        var t = server.post("/ws-ticket", alice.accessToken(), null);
        assertEquals(200, t.status(), t.text());
        assertEquals(30, t.json().path("expires_in").asLong());
        String ticket = t.json().path("ticket").asText();
        try (WsClient c = WsClient.open(server.wsUri("/ws?ticket=" + ticket), Map.of())) {
            assertEquals("alice", c.awaitType("hello").path("user").path("username").asText());
        }
        assertEquals(401, WsClient.refusedStatus(server.wsUri("/ws?ticket=" + ticket), Map.of()));
    }

    @Test
    void wsTicketNeedsAToken() {
        assertEquals(401, server.post("/ws-ticket", null, null).status());
    }

    private static String badToken(String kind, TestServer.Account a) {
        return switch (kind) {
            case "other-key" -> Jwts.resignedWithOtherKey(a.accessToken());
            case "alg-none" -> Jwts.unsigned(a.accessToken());
            case "tampered-exp" -> Jwts.tamperedExpiry(a.accessToken());
            case "garbage" -> "not.a.token";
            case "empty-bearer" -> "";
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
