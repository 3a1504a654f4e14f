package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.Frame;
import org.urulink.protocol.UserInfo;

/** Against a real server on port 0. */
class ApiClientTest {
    @TempDir
    static Path data;
    static TestServer server;
    static Session alice;
    static Session bob;

    @BeforeAll
    static void start() {
        server = TestServer.start(data);
        alice = server.user("alice");
        bob = server.user("bob");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void loginAnswersTokensAndTheUser() {
        Credentials c = alice.credentials();
        assertEquals("alice", c.user().username());
        assertEquals("Alice", c.user().name());
        assertTrue(c.accessExpiresAt() > System.currentTimeMillis());
    }

    @Test
    void takenUsernameIsApiExceptionWith409() {
        ApiException e = assertThrows(ApiException.class,
                () -> ApiClient.anonymous(server.uri()).register("ALICE", "password-x1"));
        assertEquals(409, e.status());
        assertEquals("username_taken", e.code());
    }

    @Test
    void wrongPasswordIsInvalidCredentials() {
        ApiException e = assertThrows(ApiException.class,
                () -> ApiClient.anonymous(server.uri()).login("alice", "not-the-password"));
        assertEquals(401, e.status());
        assertEquals("invalid_credentials", e.code());
    }

    @Test
    void closedPortIsServerUnreachableNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        ServerUnreachableException e = assertThrows(ServerUnreachableException.class,
                () -> ApiClient.anonymous(url).login("alice", "whatever1"));
        assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
        assertEquals("connection refused", e.reason());
    }

    @Test
    void sendToUserThenHistoryShowsItToBoth() {
        Frame.Ack ack = ApiClient.of(alice).sendTo(UUID.randomUUID().toString(), "bob", "hello bob");
        History h = ApiClient.of(bob).messages(ack.conversationId(), HistoryQuery.newest(50));
        Frame.Message last = h.messages().getLast();
        assertEquals("hello bob", last.body());
        assertEquals("alice", last.fromUsername());
        assertEquals(ack.seq(), last.seq());
    }

    @Test
    void sendingTheSameClientIdTwiceStoresOnce() {
        String clientId = UUID.randomUUID().toString();
        Frame.Ack first = ApiClient.of(alice).sendTo(clientId, "bob", "once");
        Frame.Ack again = ApiClient.of(alice).sendTo(clientId, "bob", "once");
        assertEquals(first.messageId(), again.messageId());
        assertEquals(first.seq(), again.seq());
    }

    @Test
    void historyPagesBackAndForward() {
        ApiClient a = ApiClient.of(alice);
        ConversationInfo g = a.createGroup("paging", List.of("bob"));
        for (int i = 1; i <= 5; i++) {
            a.sendToConversation(UUID.randomUUID().toString(), g.id(), "m" + i);
        }
        History newest = a.messages(g.id(), HistoryQuery.newest(2));
        assertEquals(List.of("m4", "m5"), newest.messages().stream().map(Frame.Message::body).toList());
        assertTrue(newest.hasMore());
        long firstSeq = newest.messages().getFirst().seq();
        History back = a.messages(g.id(), HistoryQuery.before(firstSeq, 2));
        assertEquals(List.of("m2", "m3"), back.messages().stream().map(Frame.Message::body).toList());
        History forward = a.messages(g.id(), HistoryQuery.after(back.messages().getFirst().seq(), 10));
        assertEquals(List.of("m3", "m4", "m5"), forward.messages().stream().map(Frame.Message::body).toList());
    }

    @Test
    void groupCanBeRenamedGrownShrunkAndLeft() {
        ApiClient a = ApiClient.of(alice);
        ConversationInfo g = a.createGroup("Weekend", List.of("bob"));
        assertEquals("group", g.kind());
        assertEquals("Trip", a.rename(g.id(), "Trip").title());
        a.removeMember(g.id(), bob.credentials().user().id());
        assertEquals(List.of("alice"), a.conversation(g.id()).members().stream().map(UserInfo::username).toList());
        assertEquals(2, a.addMembers(g.id(), List.of("bob")).members().size());
        ApiClient.of(bob).leave(g.id());
        ApiException e = assertThrows(ApiException.class, () -> ApiClient.of(bob).conversation(g.id()));
        assertEquals(404, e.status());
    }

    @Test
    void directConversationIsTheSameForBothAndListed() {
        ConversationInfo d = ApiClient.of(alice).direct("bob");
        assertEquals("direct", d.kind());
        assertEquals(d.id(), ApiClient.of(bob).direct("alice").id());
        assertTrue(ApiClient.of(bob).conversations().stream().anyMatch(c -> c.id().equals(d.id())));
    }

    @Test
    void usersAreFoundByNameAndPrefix() {
        UserProfile p = ApiClient.of(alice).user("bob");
        assertEquals("Bob", p.name());
        assertEquals(List.of("bob"), ApiClient.of(alice).searchUsers("bo", 20).stream().map(UserInfo::username).toList());
        assertEquals("not_found", assertThrows(ApiException.class, () -> ApiClient.of(alice).user("nobody")).code());
    }

    @Test
    void logoutRevokesTheLogin() {
        TokenStore store = TokenStore.inMemory();
        Session s = ApiClient.anonymous(server.uri()).loginSession("bob", "password-bob", store);
        ApiClient.anonymous(server.uri()).logout(s.credentials().refreshToken());
        assertThrows(ApiException.class,
                () -> ApiClient.anonymous(server.uri()).refresh(s.credentials().refreshToken()));
    }

    @Test
    void expiredAccessTokenIsRefreshedByItselfAndTheNewPairStored(@TempDir Path other) throws Exception {
        try (TestServer shortLived = TestServer.start(other, Duration.ofSeconds(2))) {
            shortLived.user("carol");
            TokenStore store = TokenStore.inMemory();
            ApiClient.anonymous(shortLived.uri()).loginSession("carol", "password-carol", store);
            Credentials before = store.load().orElseThrow();
            // A client clock 10 s behind believes the token still good: it only learns from the server's
            // token_expired answer, refreshes, and retries.
            Session s = new Session(store, before, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-10)),
                    Duration.ZERO);
            Thread.sleep(2_500);
            assertEquals("carol", ApiClient.of(s).user("carol").username());
            Credentials after = store.load().orElseThrow();
            assertNotEquals(before.refreshToken(), after.refreshToken());
            assertNotEquals(before.accessToken(), after.accessToken());
        }
    }

    @Test
    void twoProcessesRefreshingAtOnceDoNotRevokeTheLogin(@TempDir Path other, @TempDir Path config)
            throws Exception {
        try (TestServer shortLived = TestServer.start(other, Duration.ofSeconds(2))) {
            shortLived.user("erin");
            CredentialsFile file = CredentialsFile.in(config);
            ApiClient.anonymous(shortLived.uri()).loginSession("erin", "password-erin", file);
            Thread.sleep(2_200);
            // Two "processes": each its own Session over the same file, both holding the same expired pair.
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    answers.add(pool.submit(() -> ApiClient.of(Session.resume(file, Clock.systemUTC()))
                            .user("erin").username()));
                }
                for (var answer : answers) {
                    assertEquals("erin", answer.get());
                }
            } finally {
                pool.shutdown();
            }
            // The login is still alive: its current refresh token works.
            ApiClient.anonymous(shortLived.uri()).refresh(file.load().orElseThrow().refreshToken());
        }
    }

    @Test
    void wsTicketIsIssued() {
        assertTrue(!ApiClient.of(alice).wsTicket().isBlank());
    }
}
