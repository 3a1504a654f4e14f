package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.protocol.Frame;

/** Keys typed into the full-screen chat on a DumbTerminal over piped streams, against a fake server. */
class ChatKeysTest {
    static final long T0 = ChatHarness.T0;

    @TempDir
    Path dir;

    static FakeLink twoConversations() {
        FakeLink link = new FakeLink();
        link.direct("d-bob", FakeLink.BOB, List.of(FakeLink.message("d-bob", 1, FakeLink.BOB, "hi alice", T0 - 60_000)), 0);
        link.direct("d-carol", FakeLink.CAROL,
                List.of(FakeLink.message("d-carol", 1, FakeLink.CAROL, "old news", T0 - 120_000)), 0);
        return link;
    }

    @Test
    void enterSendsTheTypedLineToTheOpenConversation() {
        FakeLink link = twoConversations();
        try (ChatHarness h = new ChatHarness(link, dir, 100, 30)) {
            h.awaitScreen("hi alice");
            h.type("lunch at noon?\r");
            h.await("the message went out", m -> link.sent.size() == 1);
            assertEquals("lunch at noon?", link.sent.getFirst().body());
            assertEquals("d-bob", link.sent.getFirst().conversationId());
            h.awaitScreen("alice: lunch at noon? " + MessagePane.PENDING);
            assertTrue(h.screen().text().contains("1 waiting to be sent"), h.screen().text());
        }
    }

    @Test
    void altEnterStartsANewLineInsteadOfSending() {
        try (ChatHarness h = new ChatHarness(twoConversations(), dir, 100, 30)) {
            h.awaitScreen("hi alice");
            h.type("first\033\rsecond");
            h.await("two lines typed", m -> m.input().text().equals("first\nsecond"));
            Screen s = h.screen();
            List<String> rows = s.text().lines().toList();
            assertEquals("> first", rows.get(rows.size() - 2));
            assertEquals("  second", rows.getLast());
            assertEquals(rows.size() - 1, s.cursorRow());
        }
    }

    @Test
    void upAndDownWalkThroughEarlierInput() {
        FakeLink link = twoConversations();
        try (ChatHarness h = new ChatHarness(link, dir, 100, 30)) {
            h.awaitScreen("hi alice");
            h.type("one\rtwo\rdraft");
            h.await("two sent", m -> link.sent.size() == 2);
            h.type("\033[A");
            h.await("up shows the last line", m -> m.input().text().equals("two"));
            h.type("\033[A\033[A");
            h.await("up again shows the first", m -> m.input().text().equals("one"));
            h.type("\033[B\033[B");
            h.await("down comes back to the draft", m -> m.input().text().equals("draft"));
        }
    }

    @Test
    void tabAndCtrlPSwitchConversations() {
        try (ChatHarness h = new ChatHarness(twoConversations(), dir, 100, 30)) {
            h.awaitScreen("hi alice");
            assertEquals("d-bob", h.onLoop(m -> m.selected().orElseThrow().id()));
            h.type("\t");
            h.await("tab opens the next", m -> m.selected().orElseThrow().id().equals("d-carol"));
            h.awaitScreen("old news");
            h.type("\u0010"); // Ctrl+P
            h.await("ctrl+p goes back", m -> m.selected().orElseThrow().id().equals("d-bob"));
            h.type("\u000e"); // Ctrl+N
            h.await("ctrl+n goes on", m -> m.selected().orElseThrow().id().equals("d-carol"));
        }
    }

    @Test
    void ctrlCQuitsAndLeavesTheAlternateScreen() {
        FakeLink link = twoConversations();
        ChatHarness h = new ChatHarness(link, dir, 100, 30);
        h.awaitScreen("hi alice");
        h.type("\u0003");
        assertTrue(h.ended(5000), "Ctrl+C ends the chat");
        assertTrue(link.closed, "the socket is closed");
        String out = h.output();
        assertTrue(out.contains("\033[?1049h"), "the chat used the alternate screen");
        assertTrue(out.lastIndexOf("\033[?1049l") > out.lastIndexOf("\033[?1049h"), "and left it");
        h.close();
    }

    @Test
    void ctrlDQuitsOnlyOnAnEmptyLine() {
        ChatHarness h = new ChatHarness(twoConversations(), dir, 100, 30);
        h.awaitScreen("hi alice");
        h.type("ab\033[D\u0004");
        h.await("ctrl+d deleted under the cursor", m -> m.input().text().equals("a"));
        assertFalse(h.ended(100));
        h.type("\u0015\u0004"); // Ctrl+U empties the line
        assertTrue(h.ended(5000), "Ctrl+D on an empty line ends the chat");
        h.close();
    }

    @Test
    void f1ShowsHelpAndEscapeClosesIt() {
        try (ChatHarness h = new ChatHarness(twoConversations(), dir, 100, 40)) {
            h.awaitScreen("hi alice");
            h.type("\033OP");
            h.awaitScreen("/download <n> [path]");
            h.type("\033");
            h.await("esc closes the help", m -> m.notice(T0).isEmpty());
            h.type("/help\r");
            h.awaitScreen("/group <title> <user>...");
        }
    }

    @Test
    void pageUpAtTheTopLoadsOlderMessagesFromTheServer() {
        FakeLink link = new FakeLink();
        List<Frame.Message> many = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            many.add(FakeLink.message("d-bob", i, FakeLink.BOB, "message number " + i, T0 - 200_000 + i));
        }
        link.direct("d-bob", FakeLink.BOB, many, 0);
        try (ChatHarness h = new ChatHarness(link, dir, 80, 24)) {
            h.awaitScreen("message number 120");
            assertEquals(1, link.queries.size(), "only the newest page at first");
            for (int i = 0; i < 10 && !h.screen().text().contains("message number 70"); i++) {
                h.type("\033[5~");
                ChatHarness.sleep(50);
            }
            h.awaitScreen("message number 70");
            h.await("an older page was asked for", m -> link.queries.stream().anyMatch(q -> q.before().isPresent()));
            assertEquals(71, link.queries.stream().filter(q -> q.before().isPresent()).findFirst().orElseThrow()
                    .before().getAsLong(), "the page before the oldest held (71: the newest page was 71-120)");
            assertTrue(h.screen().text().contains("scrolled up: PgDn"));
            for (int i = 0; i < 20; i++) {
                h.type("\033[6~");
            }
            h.await("PgDn comes back to the newest", m -> m.selected().orElseThrow().scroll() == 0);
        }
    }

    @Test
    void resizingRedrawsForTheNewSizeAndFoldsTheListAwayWhenNarrow() {
        try (ChatHarness h = new ChatHarness(twoConversations(), dir, 100, 30)) {
            h.awaitScreen("hi alice");
            assertTrue(h.screen().text().contains(ChatScreen.SEPARATOR), "a list beside the messages at 100 columns");
            h.terminal.setSize(new Size(40, 12));
            h.terminal.raise(Terminal.Signal.WINCH);
            Screen narrow = h.screen();
            assertEquals(12, narrow.lines().size());
            assertFalse(narrow.text().contains(ChatScreen.SEPARATOR), narrow.text());
            assertTrue(narrow.lines().stream().allMatch(l -> l.columnLength() <= 40));
            h.type("still works\r");
            h.await("typing works at 40 columns", m -> m.waiting() == 1);
        }
    }

    @Test
    void bracketedPasteInsertsTextWithNewlinesWithoutSending() {
        FakeLink link = twoConversations();
        try (ChatHarness h = new ChatHarness(link, dir, 100, 30)) {
            h.awaitScreen("hi alice");
            h.type(Key.PASTE_START + "line 1\rline 2" + Key.PASTE_END);
            h.await("pasted", m -> m.input().text().equals("line 1\nline 2"));
            assertTrue(link.sent.isEmpty());
        }
    }
}
