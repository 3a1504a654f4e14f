package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.Frame;

/** What the chat does with the network: unread counts, receipts, notifications, the outbox, commands. */
class ChatControllerTest {
    static final long T0 = ChatHarness.T0;

    @TempDir
    Path dir;

    @Test
    void aMessageInAConversationNotOnScreenCountsAsUnreadAndRingsTheBell() {
        FakeLink link = ChatKeysTest.twoConversations();
        try (ChatHarness h = new ChatHarness(link, dir, 100, 30)) {
            h.awaitScreen("hi alice");
            link.push(FakeLink.message("d-carol", 2, FakeLink.CAROL, "news!", T0));
            link.push(FakeLink.message("d-carol", 3, FakeLink.CAROL, "more news", T0 + 1));
            h.await("two unread from carol", m -> m.conversation("d-carol").orElseThrow().unread() == 2);
            h.await("the bell rang", m -> !h.bells.isEmpty());
            String first = h.screen().text().lines().skip(1).findFirst().orElseThrow();
            assertTrue(first.startsWith(ConversationList.OFFLINE + " carol") && first.contains(" 2" + ChatScreen.SEPARATOR),
                    "carol moved on top with 2 unread: " + first);
            h.await("delivered told", m -> link.sentNow.contains(new Frame.Delivered("d-carol", 3L, null)));
        }
    }

    @Test
    void theConversationOnScreenIsReadAndTheServerIsTold() {
        FakeLink link = ChatKeysTest.twoConversations();
        try (ChatHarness h = new ChatHarness(link, dir, 100, 30)) {
            h.awaitScreen("hi alice");
            link.push(FakeLink.message("d-bob", 2, FakeLink.BOB, "you there?", T0));
            h.awaitScreen("you there?");
            h.await("read sent", m -> link.sentNow.contains(new Frame.Read("d-bob", 2L, null)));
            assertEquals(Long.valueOf(0), h.onLoop(m -> m.conversation("d-bob").orElseThrow().unread()));
            assertTrue(h.bells.isEmpty(), "no bell for what is on screen");
        }
    }

    @Test
    void notifyCommandGetsTitleAndTextOfMessagesNotOnScreen() throws Exception {
        Path seen = dir.resolve("seen.txt");
        ChatSettings settings = new ChatSettings(List.of("sh", "-c", "printf '%s|%s' \"$0\" \"$1\" > " + seen), false);
        FakeLink link = ChatKeysTest.twoConversations();
        try (ChatHarness h = new ChatHarness(link, new OutboxFile(dir.resolve("o.json")), dir, 100, 30, settings)) {
            h.awaitScreen("hi alice");
            link.push(FakeLink.message("d-carol", 2, FakeLink.CAROL, "ping", T0));
            long deadline = System.currentTimeMillis() + 5000;
            while (!(Files.exists(seen) && Files.size(seen) > 0) && System.currentTimeMillis() < deadline) {
                ChatHarness.sleep(20);
            }
            assertEquals("carol|ping", Files.readString(seen));
            assertTrue(h.bells.isEmpty(), "bell: false");
        }
    }

    @Test
    void aMessageTypedOfflineWaitsOnDiskAndGoesOutWithItsClientIdAfterARestart() {
        FakeLink offline = ChatKeysTest.twoConversations();
        offline.connected = false;
        OutboxFile outbox = new OutboxFile(dir.resolve("outbox.json"));
        String clientId;
        try (ChatHarness h = new ChatHarness(offline, outbox, dir, 100, 30, ChatSettings.DEFAULTS)) {
            h.awaitScreen("hi alice");
            h.type("typed offline\r");
            h.await("queued", m -> m.waiting() == 1);
            assertEquals(1, outbox.load().size(), "on disk before anything else");
            clientId = outbox.load().getFirst().clientId();
        }
        assertEquals(1, outbox.load().size(), "still on disk after quitting");

        FakeLink online = ChatKeysTest.twoConversations();
        try (ChatHarness h = new ChatHarness(online, outbox, dir, 100, 30, ChatSettings.DEFAULTS)) {
            h.awaitScreen("typed offline " + MessagePane.PENDING);
            h.await("sent again", m -> online.sent.size() == 1);
            assertEquals(clientId, online.sent.getFirst().clientId(), "with its original client_id");
            online.store(online.sent.getFirst(), 2, T0);
            h.await("stored", m -> m.waiting() == 0);
            h.awaitScreen("alice: typed offline " + MessagePane.SENT);
            assertTrue(outbox.load().isEmpty(), "gone from disk once acked");
            assertEquals(1, h.screen().text().split("alice: typed offline", -1).length - 1, "shown once");
        }
    }

    @Test
    void aRefusedMessageIsMarkedNotSentAndLeavesTheOutbox() {
        FakeLink link = ChatKeysTest.twoConversations();
        OutboxFile outbox = new OutboxFile(dir.resolve("outbox.json"));
        try (ChatHarness h = new ChatHarness(link, outbox, dir, 100, 30, ChatSettings.DEFAULTS)) {
            h.awaitScreen("hi alice");
            h.type("hello\r");
            h.await("sent", m -> link.sent.size() == 1);
            link.acks.get(link.sent.getFirst().clientId())
                    .completeExceptionally(new ApiException(403, "not_member", "not a member of that conversation"));
            h.awaitScreen("✗ not sent: not a member");
            assertTrue(outbox.load().isEmpty());
        }
    }

    @Test
    void reconnectingShowsACountdownAndWhatWasMissedArrives() {
        FakeLink link = ChatKeysTest.twoConversations();
        try (ChatHarness h = new ChatHarness(link, dir, 100, 30)) {
            h.awaitScreen("· connected");
            link.state(ChatSocket.State.RECONNECTING, T0 + 3000);
            h.awaitScreen("offline, reconnecting in 3s");
            h.clock.advance(1500);
            h.awaitScreen("offline, reconnecting in 2s");
            link.state(ChatSocket.State.ONLINE, 0);
            link.push(FakeLink.message("d-bob", 2, FakeLink.BOB, "sent while you were away", T0 + 1000));
            h.awaitScreen("· connected");
            h.awaitScreen("bob: sent while you were away");
        }
    }

    @Test
    void aConversationOneIsRemovedFromDisappears() {
        FakeLink link = ChatKeysTest.twoConversations();
        try (ChatHarness h = new ChatHarness(link, dir, 100, 30)) {
            h.awaitScreen("hi alice");
            ConversationInfo bob = link.conversation("d-bob");
            link.push(new Frame.ConversationChanged(bob, "removed"));
            h.await("gone", m -> m.conversation("d-bob").isEmpty());
            h.awaitScreen("you are no longer in bob");
        }
    }

    @Test
    void aConversationUnknownUntilItsFirstMessageIsFetched() {
        FakeLink link = ChatKeysTest.twoConversations();
        try (ChatHarness h = new ChatHarness(link, dir, 100, 30)) {
            h.awaitScreen("hi alice");
            link.conversations.add(new ConversationInfo("g-new", "group", "Party", List.of(FakeLink.ALICE, FakeLink.BOB),
                    null, 0, 0, 0));
            link.push(FakeLink.message("g-new", 1, FakeLink.BOB, "welcome", T0));
            h.await("described", m -> m.conversation("g-new").map(c -> c.title().equals("Party")).orElse(false));
            assertEquals(Long.valueOf(1), h.onLoop(m -> m.conversation("g-new").orElseThrow().unread()));
        }
    }

    @Test
    void slashFileUploadsThenSendsAMessageCarryingIt() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        FakeLink link = ChatKeysTest.twoConversations();
        try (ChatHarness h = new ChatHarness(link, dir, 100, 30)) {
            h.awaitScreen("hi alice");
            h.type("/file notes.txt\r");
            h.await("sent with the file", m -> link.sent.size() == 1);
            assertEquals(List.of("f-1"), link.sent.getFirst().attachments());
            h.awaitScreen("[↑] notes.txt (1 B)");
            h.type("/file missing.txt\r");
            h.awaitScreen("missing.txt: no such file");
        }
    }

    @Test
    void unknownCommandsAndUsersAreExplained() {
        try (ChatHarness h = new ChatHarness(ChatKeysTest.twoConversations(), dir, 100, 30)) {
            h.awaitScreen("hi alice");
            h.type("/frobnicate\r");
            h.awaitScreen("unknown command /frobnicate");
            h.type("/open nobody\r");
            h.awaitScreen("no user or group named \"nobody\"");
            h.type("/open carol\r");
            h.await("carol opened", m -> m.selected().orElseThrow().id().equals("d-carol"));
        }
    }
}
