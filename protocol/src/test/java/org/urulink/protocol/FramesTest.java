package org.urulink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void sendFrameDecodesFromSnakeCaseJson() {
        Frame f = Frames.decode("{\"type\":\"send\",\"client_id\":\"c1\",\"to\":\"bob\",\"body\":\"hi\"}");
        assertEquals(new Frame.Send("c1", null, "bob", "hi", null), f);
    }

    @Test
    void ackEncodesWithTypeAndSnakeCaseNames() {
        String json = Frames.encode(new Frame.Ack("c1", "m1", "conv", 7, 1000));
        assertEquals("{\"type\":\"ack\",\"client_id\":\"c1\",\"message_id\":\"m1\",\"conversation_id\":\"conv\","
                + "\"seq\":7,\"sent_at\":1000}", json);
    }

    @Test
    void everyFrameSurvivesARoundTrip() {
        Frame[] frames = {
            new Frame.Sync(Map.of("a", 3L), 10),
            new Frame.Read("a", 4L, "u"),
            new Frame.Message("m", "a", 1, "u", "alice", "hello", 5, "c", null),
            new Frame.Error("bad_json", "nope", "r"),
        };
        for (Frame frame : frames) {
            assertEquals(frame, Frames.decode(Frames.encode(frame)));
        }
    }

    @Test
    void malformedJsonIsBadJson() {
        FrameException e = assertThrows(FrameException.class, () -> Frames.decode("{\"type\":"));
        assertEquals(ErrorCode.BAD_JSON, e.code());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void nonObjectIsBadJson() {
        assertEquals(ErrorCode.BAD_JSON, assertThrows(FrameException.class, () -> Frames.decode("[1]")).code());
    }

    @Test
    void unknownTypeIsNamed() {
        FrameException e = assertThrows(FrameException.class, () -> Frames.decode("{\"type\":\"dance\"}"));
        assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
        assertTrue(e.getMessage().contains("dance"));
    }

    @Test
    void sendWithoutBodyNamesTheFieldAndKeepsTheClientId() {
        FrameException e = assertThrows(FrameException.class,
                () -> Frames.decode("{\"type\":\"send\",\"client_id\":\"c9\",\"to\":\"bob\"}"));
        assertEquals(ErrorCode.MISSING_FIELD, e.code());
        assertTrue(e.getMessage().contains("body"));
        assertEquals("c9", e.ref());
    }

    @Test
    void sendWithoutRecipientIsMissingField() {
        FrameException e = assertThrows(FrameException.class,
                () -> Frames.decode("{\"type\":\"send\",\"client_id\":\"c9\",\"body\":\"x\"}"));
        assertEquals(ErrorCode.MISSING_FIELD, e.code());
    }

    @Test
    void wrongFieldTypeIsBadJson() {
        FrameException e = assertThrows(FrameException.class,
                () -> Frames.decode("{\"type\":\"read\",\"conversation_id\":\"a\",\"seq\":{}}"));
        assertEquals(ErrorCode.BAD_JSON, e.code());
    }
}
