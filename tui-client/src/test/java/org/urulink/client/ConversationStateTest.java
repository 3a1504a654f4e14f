package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.Frame;

class ConversationStateTest {
    static final String C = "d-bob";

    static Frame.Message from(org.urulink.protocol.UserInfo u, long seq) {
        return FakeLink.message(C, seq, u, "m" + seq, 1000 + seq);
    }

    static ConversationState listed(long lastSeq, long readSeq, long unread) {
        ConversationInfo info = new ConversationInfo(C, "direct", null, List.of(FakeLink.ALICE, FakeLink.BOB),
                lastSeq == 0 ? null : from(FakeLink.BOB, lastSeq), lastSeq, readSeq, unread);
        return new ConversationState(info, FakeLink.ALICE.id());
    }

    @Test
    void unreadIsTheListingsCountPlusNewMessagesFromOthers() {
        ConversationState c = listed(5, 3, 2);
        assertEquals(2, c.unread());
        c.add(from(FakeLink.BOB, 6));
        c.add(from(FakeLink.ALICE, 7));
        assertEquals(3, c.unread(), "own messages are not unread");
    }

    @Test
    void aMessageArrivingTwiceCountsOnce() {
        ConversationState c = listed(5, 5, 0);
        assertTrue(c.add(from(FakeLink.BOB, 6)));
        assertFalse(c.add(from(FakeLink.BOB, 6)));
        c.page(new History(List.of(from(FakeLink.BOB, 4), from(FakeLink.BOB, 5), from(FakeLink.BOB, 6)), true), false);
        assertEquals(1, c.unread());
        assertEquals(List.of(4L, 5L, 6L), List.copyOf(c.messages().keySet()));
    }

    @Test
    void markReadClearsAndAnswersTheSeqOnce() {
        ConversationState c = listed(5, 3, 2);
        c.add(from(FakeLink.BOB, 6));
        assertEquals(6, c.markRead());
        assertEquals(0, c.unread());
        assertEquals(0, c.markRead(), "nothing new to tell the server");
    }

    @Test
    void readOnAnotherDeviceClearsUnreadHere() {
        ConversationState c = listed(5, 3, 2);
        c.add(from(FakeLink.BOB, 6));
        c.read(FakeLink.ALICE.id(), 6);
        assertEquals(0, c.unread());
    }

    @Test
    void ownMessageMarksFollowReceiptsOfTheOthers() {
        ConversationState c = listed(0, 0, 0);
        Frame.Message mine = from(FakeLink.ALICE, 1);
        c.add(mine);
        assertEquals(ConversationState.Mark.SENT, c.mark(mine));
        c.delivered(FakeLink.BOB.id(), 1);
        assertEquals(ConversationState.Mark.DELIVERED, c.mark(mine));
        c.read(FakeLink.BOB.id(), 1);
        assertEquals(ConversationState.Mark.READ, c.mark(mine));
    }

    @Test
    void marksAfterARestartComeFromTheListingsPositionsOfTheOthers() {
        ConversationInfo info = new ConversationInfo(C, "direct", null, List.of(FakeLink.ALICE, FakeLink.BOB),
                from(FakeLink.ALICE, 3), 3, 3, 0, 1, 2);
        ConversationState c = new ConversationState(info, FakeLink.ALICE.id());
        Frame.Message first = from(FakeLink.ALICE, 1);
        Frame.Message second = from(FakeLink.ALICE, 2);
        Frame.Message third = from(FakeLink.ALICE, 3);
        List.of(first, second, third).forEach(c::add);
        assertEquals(ConversationState.Mark.READ, c.mark(first), "bob had read up to 1");
        assertEquals(ConversationState.Mark.DELIVERED, c.mark(second), "bob had received up to 2");
        assertEquals(ConversationState.Mark.SENT, c.mark(third));
    }

    @Test
    void aPendingMessageGoesWhenTheServerShowsItBack() {
        ConversationState c = listed(0, 0, 0);
        c.queue(PendingMessage.queued("c-1", C, "hello", List.of(), 1000));
        assertEquals(1, c.waiting());
        c.acked("c-1", 1);
        assertEquals(0, c.waiting(), "acked: no longer waiting");
        assertEquals(1, c.pending().size(), "but shown until the message itself arrives");
        c.add(new Frame.Message("m1", C, 1, FakeLink.ALICE.id(), "alice", "hello", 1001, "c-1", null));
        assertTrue(c.pending().isEmpty());
        assertEquals(1, c.messages().size());
    }

    @Test
    void typingFadesAfterItsTimeAndStopsWithAMessage() {
        ConversationState c = listed(0, 0, 0);
        c.typing(FakeLink.BOB.id(), 5000);
        assertEquals(List.of(FakeLink.BOB.id()), c.typing(4000));
        assertEquals(List.of(), c.typing(5000));
        c.typing(FakeLink.BOB.id(), 9000);
        c.add(from(FakeLink.BOB, 1));
        assertEquals(List.of(), c.typing(6000));
    }

    @Test
    void filesAreNumberedInTheOrderSeen() {
        ConversationState c = listed(0, 0, 0);
        var a = new org.urulink.protocol.Attachment("f-a", "a.pdf", 10, "application/pdf");
        var b = new org.urulink.protocol.Attachment("f-b", "b.png", 20, "image/png");
        c.add(new Frame.Message("m1", C, 1, FakeLink.BOB.id(), "bob", "", 1, "x", List.of(a, b)));
        assertEquals(1, c.fileNumber("f-a"));
        assertEquals("b.png", c.file(2).orElseThrow().name());
        assertTrue(c.file(3).isEmpty());
    }
}
