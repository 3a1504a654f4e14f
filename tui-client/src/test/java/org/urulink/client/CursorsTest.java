package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.urulink.protocol.Frame;

class CursorsTest {
    private static Frame.Message msg(String id, String conv, long seq) {
        return new Frame.Message(id, conv, seq, "u", "alice", "b", 0, null);
    }

    @Test
    void aMessageSeenTwiceIsAcceptedOnce() {
        Cursors c = new Cursors(Map.of());
        assertTrue(c.accept(msg("m1", "c", 1)));
        assertFalse(c.accept(msg("m1", "c", 1)));
    }

    @Test
    void cursorIsTheHighestSeqPerConversationEvenOutOfOrder() {
        Cursors c = new Cursors(Map.of("old", 7L));
        c.accept(msg("m3", "c", 3));
        c.accept(msg("m2", "c", 2));
        assertEquals(Map.of("old", 7L, "c", 3L), c.snapshot());
    }
}
