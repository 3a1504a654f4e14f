package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class GroupsIT extends ServerIT {

    @Test
    void createGroupAnswers201WithEveryMember() {
        var alice = server.account("alice");
        server.account("bob");
        var carol = server.account("carol");
        var r = server.post("/conversations", alice.accessToken(), Map.of("title", "Weekend", "members", List.of("bob", carol.id())));
        assertEquals(201, r.status(), r.text());
        assertEquals("group", r.json().path("kind").asText());
        assertEquals("Weekend", r.json().path("title").asText());
        assertEquals(List.of("alice", "bob", "carol"), usernames(r.json()));
    }

    @Test
    void createGroupWithAnUnknownMemberIsRefused() {
        var alice = server.account("alice");
        var r = server.post("/conversations", alice.accessToken(), Map.of("title", "Weekend", "members", List.of("ghost")));
        assertEquals(404, r.status(), r.text());
        assertEquals("unknown_recipient", r.errorCode());
        assertEquals(0, server.get("/conversations", alice.accessToken()).json().path("conversations").size());
    }

    @Test
    void newGroupIsAnnouncedToItsMembers() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        try (WsClient b = WsClient.ready(server, bob.accessToken())) {
            String id = group(alice, "Weekend", "bob");
            JsonNode c = b.awaitType("conversation");
            assertEquals("created", c.path("change").asText());
            assertEquals(id, c.path("conversation").path("id").asText());
        }
    }

    @Test
    void groupMessageReachesAllFiveMembers() {
        try (GroupOfFive g = groupOfFiveOnline()) {
            g.clients().get(2).sendMessage(in(g.id()), "g1", "hello all");
            for (WsClient c : g.clients()) {
                // The sender's own session gets it too; received() also counts frames an earlier await skipped.
                List<JsonNode> got = c.received("message", 1, 10_000);
                assertEquals(1, got.size());
                JsonNode m = got.getFirst();
                assertEquals("hello all", m.path("body").asText());
                assertEquals("carol", m.path("from_username").asText());
            }
        }
    }

    @Test
    void readInAGroupReachesTheOthersAndClearsOnlyTheReadersUnread() {
        try (GroupOfFive g = groupOfFiveOnline()) {
            g.clients().get(2).sendMessage(in(g.id()), "g1", "hello all");
            g.clients().forEach(c -> c.received("message", 1, 10_000));
            assertEquals(1, unread(g.five().get(1), g.id()));

            g.clients().get(1).send(Map.of("type", "read", "conversation_id", g.id(), "seq", 1));
            othersHearSeqOne(g, "read", 1);
            assertEquals(0, unread(g.five().get(1), g.id()), "bob read it");
            assertEquals(1, unread(g.five().get(3), g.id()), "dave did not");
            assertEquals(0, unread(g.five().get(2), g.id()), "carol's own message is not unread");
        }
    }

    @Test
    void deliveredInAGroupReachesTheOthers() {
        try (GroupOfFive g = groupOfFiveOnline()) {
            g.clients().get(2).sendMessage(in(g.id()), "g1", "hello all");
            g.clients().get(3).awaitType("message");
            g.clients().get(3).send(Map.of("type", "delivered", "conversation_id", g.id(), "seq", 1));
            othersHearSeqOne(g, "delivered", 3);
            assertEquals(1, unread(g.five().get(3), g.id()), "received is not read");
        }
    }

    /** Every member but {@code from} is told that member's {@code type} receipt for seq 1 of the group. */
    private static void othersHearSeqOne(GroupOfFive g, String type, int from) {
        for (int i = 0; i < g.five().size(); i++) {
            if (i == from) {
                continue;
            }
            JsonNode receipt = g.clients().get(i).awaitType(type);
            assertEquals(g.id(), receipt.path("conversation_id").asText());
            assertEquals(1, receipt.path("seq").asLong());
            assertEquals(g.five().get(from).id(), receipt.path("user").asText(), "told to " + g.five().get(i).username());
        }
    }

    @Test
    void renameIsAnnouncedToMembers() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        String id = group(alice, "Old", "bob");
        try (WsClient b = WsClient.ready(server, bob.accessToken())) {
            var r = server.call("PATCH", "/conversations/" + id, alice.accessToken(), Map.of("title", "New"));
            assertEquals(200, r.status(), r.text());
            assertEquals("New", r.json().path("title").asText());
            JsonNode c = b.await(f -> "renamed".equals(f.path("change").asText()));
            assertEquals("New", c.path("conversation").path("title").asText());
        }
    }

    @Test
    void addedMemberIsAnnouncedAndCanTalk() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        var dave = server.account("dave");
        String id = group(alice, "Team", "bob");
        try (WsClient b = WsClient.ready(server, bob.accessToken()); WsClient d = WsClient.ready(server, dave.accessToken())) {
            var r = server.post("/conversations/" + id + "/members", alice.accessToken(), Map.of("members", List.of("dave")));
            assertEquals(200, r.status(), r.text());
            assertEquals(List.of("alice", "bob", "dave"), usernames(r.json()));
            assertEquals(List.of("alice", "bob", "dave"),
                    usernames(b.await(f -> "members".equals(f.path("change").asText())).path("conversation")));
            assertEquals(id, d.await(f -> "conversation".equals(f.path("type").asText())).path("conversation").path("id").asText());
            assertEquals("ack", d.sendMessage(in(id), "d1", "hi, I'm new").path("type").asText());
            assertEquals("hi, I'm new", b.awaitType("message").path("body").asText());
        }
    }

    @Test
    void removedMemberIsToldAndCanNoLongerSendOrRead() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        var carol = server.account("carol");
        String id = group(alice, "Team", "bob", "carol");
        try (WsClient b = WsClient.ready(server, bob.accessToken()); WsClient c = WsClient.ready(server, carol.accessToken())) {
            c.sendMessage(in(id), "c0", "before");
            var r = server.call("DELETE", "/conversations/" + id + "/members/carol", alice.accessToken(), null);
            assertEquals(200, r.status(), r.text());
            assertEquals(List.of("alice", "bob"), usernames(r.json()));
            assertEquals("removed", c.await(f -> "conversation".equals(f.path("type").asText())
                    && "removed".equals(f.path("change").asText())).path("change").asText());
            assertEquals(List.of("alice", "bob"),
                    usernames(b.await(f -> "members".equals(f.path("change").asText())).path("conversation")));

            JsonNode refused = c.sendMessage(in(id), "c1", "after");
            assertEquals("error", refused.path("type").asText());
            assertEquals("not_member", refused.path("code").asText());
            assertEquals(404, server.get("/conversations/" + id + "/messages", carol.accessToken()).status());
            assertEquals(404, server.get("/conversations/" + id, carol.accessToken()).status());

            b.sendMessage(in(id), "b1", "carol can't see this");
            assertTrue(c.drainType("message", 300).stream().noneMatch(m -> "carol can't see this".equals(m.path("body").asText())));
        }
    }

    @Test
    void leavingAnnouncesAndEndsMembership() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        String id = group(alice, "Team", "bob");
        try (WsClient a = WsClient.ready(server, alice.accessToken())) {
            var r = server.post("/conversations/" + id + "/leave", bob.accessToken(), null);
            assertEquals(204, r.status(), r.text());
            assertEquals(List.of("alice"), usernames(a.await(f -> "members".equals(f.path("change").asText())).path("conversation")));
            assertEquals(404, server.get("/conversations/" + id, bob.accessToken()).status());
            assertEquals(0, server.get("/conversations", bob.accessToken()).json().path("conversations").size());
        }
    }

    @Test
    void nonMemberGets404ForTheConversationAndItsMessages() {
        var alice = server.account("alice");
        server.account("bob");
        var eve = server.account("eve");
        String id = group(alice, "Private", "bob");
        server.post("/messages", alice.accessToken(), Map.of("client_id", "1", "conversation_id", id, "body", "secret"));
        var conv = server.get("/conversations/" + id, eve.accessToken());
        var msgs = server.get("/conversations/" + id + "/messages", eve.accessToken());
        var missing = server.get("/conversations/" + UUID.randomUUID() + "/messages", eve.accessToken());
        assertEquals(404, conv.status());
        assertEquals(404, msgs.status());
        assertEquals(missing.status(), msgs.status(), "a foreign conversation looks like a missing one");
        assertEquals(404, server.call("PATCH", "/conversations/" + id, eve.accessToken(), Map.of("title", "mine")).status());
        assertEquals(404, server.post("/conversations/" + id + "/members", eve.accessToken(), Map.of("members", List.of("eve"))).status());
        assertEquals(403, server.post("/messages", eve.accessToken(), Map.of("client_id", "e", "conversation_id", id, "body", "x")).status());
    }

    @Test
    void directConversationCannotBeRenamed() {
        var alice = server.account("alice");
        server.account("bob");
        String id = server.post("/conversations/direct", alice.accessToken(), Map.of("to", "bob")).json().path("id").asText();
        var r = server.call("PATCH", "/conversations/" + id, alice.accessToken(), Map.of("title", "x"));
        assertEquals(400, r.status(), r.text());
        assertEquals(id, server.post("/conversations/direct", alice.accessToken(), Map.of("to", "bob")).json().path("id").asText(),
                "one direct conversation per pair");
    }

    @Test
    void groupOfMoreThanAThousandIsRefused() throws Exception {
        var alice = server.account("alice");
        // 1000 accounts through /register would cost minutes of hashing; the members check only needs the rows.
        List<String> names = insertUsers(1000);
        var r = server.post("/conversations", alice.accessToken(), Map.of("title", "Too big", "members", names));
        assertEquals(400, r.status(), r.text());
        assertEquals("invalid", r.errorCode());

        String id = group(alice, "Almost", names.subList(0, 998).toArray(String[]::new));
        assertEquals(200, server.post("/conversations/" + id + "/members", alice.accessToken(),
                Map.of("members", List.of(names.get(998)))).status(), "1000 members is fine");
        var over = server.post("/conversations/" + id + "/members", alice.accessToken(), Map.of("members", List.of(names.get(999))));
        assertEquals(400, over.status(), over.text());
        assertEquals("invalid", over.errorCode());
    }

    private List<String> insertUsers(int n) throws Exception {
        List<String> names = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteDatabase.FILE_NAME))) {
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement("INSERT INTO users (id, username, name, password_hash, created_at) VALUES (?, ?, ?, 'x', 0)")) {
                for (int i = 0; i < n; i++) {
                    String name = "bulk" + i;
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setString(2, name);
                    ps.setString(3, name);
                    ps.addBatch();
                    names.add(name);
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return names;
    }

    /** Alice's group "Five" of alice, bob, carol, dave and erin, each with a session open, in that order. */
    private record GroupOfFive(List<TestServer.Account> five, String id, List<WsClient> clients)
            implements AutoCloseable {
        @Override
        public void close() {
            clients.forEach(WsClient::close);
        }
    }

    private GroupOfFive groupOfFiveOnline() {
        List<TestServer.Account> five = fiveAccounts();
        String id = group(five.getFirst(), "Five", "bob", "carol", "dave", "erin");
        return new GroupOfFive(five, id, online(five));
    }

    private List<TestServer.Account> fiveAccounts() {
        List<TestServer.Account> five = new ArrayList<>();
        for (String n : List.of("alice", "bob", "carol", "dave", "erin")) {
            five.add(server.account(n));
        }
        return five;
    }

    /** One ready session per account, in the same order. */
    private List<WsClient> online(List<TestServer.Account> accounts) {
        List<WsClient> clients = new ArrayList<>();
        for (var a : accounts) {
            clients.add(WsClient.ready(server, a.accessToken()));
        }
        return clients;
    }

    private long unread(TestServer.Account who, String conversationId) {
        for (JsonNode c : server.get("/conversations", who.accessToken()).json().path("conversations")) {
            if (conversationId.equals(c.path("id").asText())) {
                return c.path("unread").asLong();
            }
        }
        throw new AssertionError("conversation " + conversationId + " not listed for " + who.username());
    }

    private String group(TestServer.Account owner, String title, String... members) {
        var r = server.post("/conversations", owner.accessToken(), Map.of("title", title, "members", List.of(members)));
        assertEquals(201, r.status(), r.text());
        return r.json().path("id").asText();
    }

    private static List<String> usernames(JsonNode conversation) {
        List<String> out = new ArrayList<>();
        conversation.path("members").forEach(m -> out.add(m.path("username").asText()));
        return out;
    }
}
