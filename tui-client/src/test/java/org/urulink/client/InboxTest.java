package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.urulink.protocol.Frame;
import org.urulink.protocol.SyncState;

class InboxTest {
    private static Frame.Message msg(long seq) {
        return new Frame.Message("m" + seq, "c", seq, "u", "alice", "b" + seq, 0, null, null);
    }

    private static Frame.Synced synced(boolean complete, long lastSeq) {
        return new Frame.Synced(List.of(new SyncState("c", lastSeq, complete)));
    }

    private static List<Long> seqs(List<Frame.Message> messages) {
        return messages.stream().map(Frame.Message::seq).toList();
    }

    @Test
    void aLiveMessageOutsideASyncIsHandedOnAtOnce() {
        Inbox in = new Inbox(Map.of());
        in.syncSent();
        in.synced(synced(true, 0));
        assertEquals(List.of(1L), seqs(in.message(msg(1))));
        assertEquals(Map.of("c", 1L), in.cursors());
    }

    @Test
    void aMessageReachingANewConnectionBeforeItsSyncWaitsForTheGapToBeFilled() {
        Inbox in = new Inbox(Map.of("c", 5L));
        in.connectionLost();
        // Live, ahead of hello: handed on now it would move the cursor to 21 and the sync would skip 6 - 20.
        assertEquals(List.of(), in.message(msg(21)));
        in.syncSent();
        assertEquals(Map.of("c", 5L), in.cursors(), "the sync asks from the old cursor");
        for (long seq = 6; seq <= 21; seq++) {
            in.message(msg(seq));
        }
        List<Long> out = seqs(in.synced(synced(true, 21)).messages());
        assertEquals(java.util.stream.LongStream.rangeClosed(6, 21).boxed().toList(), out);
    }

    @Test
    void aLiveMessageThatOvertakesTheSyncAnswerComesOutInSeqOrder() {
        Inbox in = new Inbox(Map.of("c", 2L));
        in.syncSent();
        assertEquals(List.of(), in.message(msg(5))); // live, overtaking
        in.message(msg(3));
        in.message(msg(4));
        Inbox.Flush flush = in.synced(synced(true, 5));
        assertEquals(List.of(3L, 4L, 5L), seqs(flush.messages()));
        assertFalse(flush.syncAgain());
        assertEquals(Map.of("c", 5L), in.cursors());
    }

    @Test
    void aMessageArrivingLiveAndInTheSyncAnswerIsHandedOnOnce() {
        Inbox in = new Inbox(Map.of());
        in.syncSent();
        in.message(msg(1));
        in.message(msg(1));
        assertEquals(List.of(1L), seqs(in.synced(synced(true, 1)).messages()));
        assertEquals(List.of(), in.message(msg(1)));
    }

    @Test
    void aConnectionLostMidSyncForgetsWhatWasHeldAndKeepsTheCursor() {
        Inbox in = new Inbox(Map.of("c", 2L));
        in.syncSent();
        in.message(msg(3));
        in.connectionLost();
        assertEquals(Map.of("c", 2L), in.cursors());
        assertEquals(List.of(), in.message(msg(3)), "on the new connection it waits for that connection's sync");
        in.syncSent();
        assertEquals(List.of(3L), seqs(in.synced(synced(true, 3)).messages()));
    }

    @Test
    void aSyncCutShortHandsOnTheUnbrokenRunAndAsksForTheRest() {
        Inbox in = new Inbox(Map.of("c", 2L));
        in.syncSent();
        in.message(msg(3));
        in.message(msg(4));
        in.message(msg(9)); // live, far ahead
        Inbox.Flush first = in.synced(synced(false, 9));
        assertEquals(List.of(3L, 4L), seqs(first.messages()));
        assertTrue(first.syncAgain());
        assertEquals(Map.of("c", 4L), in.cursors());

        in.syncSent();
        for (long s = 5; s <= 9; s++) {
            in.message(msg(s));
        }
        Inbox.Flush second = in.synced(synced(true, 9));
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L), seqs(second.messages()));
        assertFalse(second.syncAgain());
    }

    @Test
    void withTwoSyncsInFlightMessagesWaitForTheSecondAnswer() {
        Inbox in = new Inbox(Map.of());
        in.syncSent();
        in.syncSent();
        in.message(msg(2));
        assertEquals(List.of(), in.synced(synced(true, 2)).messages());
        in.message(msg(1));
        assertEquals(List.of(1L, 2L), seqs(in.synced(synced(true, 2)).messages()));
    }
}
