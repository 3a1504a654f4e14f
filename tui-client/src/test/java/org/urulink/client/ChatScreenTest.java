package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;
import org.urulink.protocol.Attachment;
import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.Frame;

/** The renderer alone: a model in, rows out, for several terminal sizes. */
class ChatScreenTest {
    static final long NOW = ChatHarness.T0; // 2025-11-25 12:00 UTC
    static final long DAY = 86_400_000L;

    static ChatModel model() {
        ChatModel m = new ChatModel(FakeLink.ALICE, "chat.example:8080", ZoneOffset.UTC);
        m.put(new ConversationInfo("d-carol", "direct", null, List.of(FakeLink.ALICE, FakeLink.CAROL),
                FakeLink.message("d-carol", 4, FakeLink.CAROL, "see you", NOW - DAY), 4, 1, 3));
        ConversationState bob = m.put(new ConversationInfo("d-bob", "direct", null,
                List.of(FakeLink.ALICE, FakeLink.BOB), FakeLink.message("d-bob", 2, FakeLink.BOB, "hi alice", NOW - 60_000),
                2, 2, 0));
        bob.add(FakeLink.message("d-bob", 1, FakeLink.ALICE, "hello bob", NOW - DAY - 3_600_000));
        m.put(new ConversationInfo("g-1", "group", "Weekend", List.of(FakeLink.ALICE, FakeLink.BOB, FakeLink.CAROL),
                null, 0, 0, 0));
        m.presence(FakeLink.BOB.id(), true);
        m.select("d-bob");
        m.link(ChatModel.Link.ONLINE, 0);
        return m;
    }

    static List<String> rows(Screen s) {
        return s.text().lines().toList();
    }

    @Test
    void theListShowsNewestActivityFirstWithUnreadCountsAndPresence() {
        Screen s = ChatScreen.render(model(), 100, 20, NOW);
        List<String> rows = rows(s);
        assertTrue(rows.get(1).startsWith(ConversationList.ONLINE + " bob"), rows.get(1));
        assertTrue(rows.get(3).startsWith(ConversationList.OFFLINE + " carol"), rows.get(3));
        assertTrue(rows.get(3).contains(" 3" + ChatScreen.SEPARATOR), "carol's 3 unread: " + rows.get(3));
        assertTrue(rows.get(4).contains("see you"), "the last message under the name");
        assertTrue(rows.get(5).startsWith(ConversationList.GROUP + " Weekend"), rows.get(5));
    }

    @Test
    void messagesHaveTimeSenderDaySeparatorsAndMarks() {
        String text = ChatScreen.render(model(), 100, 20, NOW).text();
        assertTrue(text.contains("Yesterday"), text);
        assertTrue(text.contains("Today"), text);
        assertTrue(text.contains("11:00 alice: hello bob " + MessagePane.SENT), text);
        assertTrue(text.contains("11:59 bob: hi alice"), text);
        assertTrue(text.indexOf("Yesterday") < text.indexOf("hello bob") && text.indexOf("Today") > text.indexOf("hello bob"));
    }

    @Test
    void longMessagesWrapUnderTheTime() {
        ChatModel m = model();
        m.selected().orElseThrow().add(FakeLink.message("d-bob", 3, FakeLink.BOB,
                "a rather long message that cannot fit on one row of a narrow terminal", NOW));
        List<String> rows = rows(ChatScreen.render(m, 40, 12, NOW));
        int at = rows.indexOf("12:00 bob: a rather long message that");
        assertTrue(at > 0, String.join("\n", rows));
        assertEquals("      cannot fit on one row of a narrow", rows.get(at + 1));
        assertEquals("      terminal", rows.get(at + 2));
    }

    @Test
    void underSixtyColumnsTheListFoldsAwayAndFortyStillWorks() {
        assertTrue(ChatScreen.render(model(), 60, 20, NOW).text().contains(ChatScreen.SEPARATOR));
        Screen narrow = ChatScreen.render(model(), 59, 20, NOW);
        assertFalse(narrow.text().contains(ChatScreen.SEPARATOR));
        assertTrue(rows(narrow).getFirst().startsWith(" bob  (online)"), rows(narrow).getFirst());
        Screen forty = ChatScreen.render(model(), 40, 10, NOW);
        assertEquals(10, forty.lines().size());
        assertTrue(forty.text().contains("hi alice"));
    }

    @Test
    void noRowIsWiderThanTheTerminalWhateverTheText() {
        ChatModel m = model();
        ConversationState c = m.selected().orElseThrow();
        c.add(FakeLink.message("d-bob", 3, FakeLink.BOB, "中文字符 👍👍👍 " + "x".repeat(300), NOW));
        c.add(new Frame.Message("m4", "d-bob", 4, FakeLink.BOB.id(), "bob", "", NOW, "c4",
                List.of(new Attachment("f1", "a very long file name ".repeat(10) + ".pdf", 123_456, "application/pdf"))));
        m.input().insert("typing 中文 " + "y".repeat(200));
        for (int w = 20; w <= 130; w += 7) {
            for (int h : new int[] {5, 12, 40}) {
                Screen s = ChatScreen.render(m, w, h, NOW);
                assertEquals(h, s.lines().size(), w + "x" + h);
                for (AttributedString line : s.lines()) {
                    assertTrue(line.columnLength() <= w, w + "x" + h + ": " + line);
                }
                assertTrue(s.cursorRow() < h && s.cursorCol() < w, "cursor inside at " + w + "x" + h);
            }
        }
    }

    @Test
    void attachmentsShowNumberNameAndSize() {
        ChatModel m = model();
        m.selected().orElseThrow().add(new Frame.Message("m3", "d-bob", 3, FakeLink.BOB.id(), "bob", "the report", NOW,
                "c3", List.of(new Attachment("f1", "q3.pdf", 1_572_864, "application/pdf"))));
        String text = ChatScreen.render(m, 100, 20, NOW).text();
        assertTrue(text.contains("[1] q3.pdf (1.5 MiB)"), text);
    }

    @Test
    void typingAndNoticesShowUnderTheMessages() {
        ChatModel m = model();
        m.selected().orElseThrow().typing(FakeLink.BOB.id(), NOW + 5000);
        m.learn(FakeLink.BOB.id(), "bob");
        m.notice(List.of("saved q3.pdf"), 0);
        List<String> rows = rows(ChatScreen.render(m, 80, 20, NOW));
        assertTrue(rows.get(rows.size() - 3).endsWith("bob is typing…"), rows.get(rows.size() - 3));
        assertTrue(rows.get(rows.size() - 4).endsWith("saved q3.pdf"), rows.get(rows.size() - 4));
        assertFalse(ChatScreen.render(m, 80, 20, NOW + 6000).text().contains("typing"), "typing fades");
    }

    @Test
    void theStatusLineTellsUserServerConnectionAndWaitingMessages() {
        ChatModel m = model();
        String status = rows(ChatScreen.render(m, 100, 20, NOW)).get(18);
        assertTrue(status.startsWith(" alice@chat.example:8080 · connected"), status);
        m.link(ChatModel.Link.RECONNECTING, NOW + 4200);
        m.selected().orElseThrow().queue(PendingMessage.queued("c-9", "d-bob", "later", List.of(), NOW));
        status = rows(ChatScreen.render(m, 100, 20, NOW)).get(18);
        assertTrue(status.contains("offline, reconnecting in 5s · 1 waiting to be sent"), status);
        m.link(ChatModel.Link.OFFLINE, 0);
        assertTrue(rows(ChatScreen.render(m, 100, 20, NOW)).get(18).contains("· offline"));
        assertTrue(ChatScreen.render(m, 100, 20, NOW).text().contains("alice: later " + MessagePane.PENDING));
    }

    @Test
    void theCursorFollowsWrappedAndMultiLineInput() {
        ChatModel m = model();
        m.input().insert("abcdefghij");
        Screen s = ChatScreen.render(m, 10, 10, NOW);
        List<String> rows = rows(s);
        assertEquals("> abcdefgh", rows.get(rows.size() - 2));
        assertEquals("  ij", rows.getLast());
        assertEquals(9, s.cursorRow());
        assertEquals(4, s.cursorCol());
    }

    @Test
    void narrowTerminalsSayWhereUnreadMessagesWait() {
        List<String> rows = rows(ChatScreen.render(model(), 50, 12, NOW));
        assertTrue(rows.get(10).contains("3 unread: Tab"), rows.get(10));
    }

    @Test
    void aLongNoticeKeepsItsStartOnAShortTerminal() {
        ChatModel m = model();
        m.notice(SlashCommand.HELP, 0);
        String text = ChatScreen.render(m, 100, 10, NOW).text();
        assertTrue(text.contains("Commands:"), text);
        assertTrue(text.contains("… (taller terminal for more)"), text);
    }

    @Test
    void withoutAnOpenConversationTheScreenSaysHowToStart() {
        ChatModel m = new ChatModel(FakeLink.ALICE, "h:1", ZoneOffset.UTC);
        String text = ChatScreen.render(m, 80, 12, NOW).text();
        assertTrue(text.contains("/open <user>"), text);
    }
}
