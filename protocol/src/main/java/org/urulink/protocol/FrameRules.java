package org.urulink.protocol;

/** Which fields each client frame must carry. */
final class FrameRules {
    private FrameRules() {
    }

    static void requireFields(Frame frame, String ref) {
        switch (frame) {
            case Frame.Send s -> {
                require(s.clientId(), "client_id", ref);
                if (s.attachments() == null || s.attachments().isEmpty()) {
                    require(s.body(), "body", ref);
                }
                if (blank(s.conversationId()) && blank(s.to())) {
                    throw missing("conversation_id\" or \"to", ref);
                }
            }
            case Frame.Read r -> {
                require(r.conversationId(), "conversation_id", ref);
                require(r.seq(), "seq", ref);
            }
            case Frame.Delivered d -> {
                require(d.conversationId(), "conversation_id", ref);
                require(d.seq(), "seq", ref);
            }
            case Frame.Typing t -> require(t.conversationId(), "conversation_id", ref);
            case Frame.Auth a -> require(a.token(), "token", ref);
            default -> {
                // Other frames have no required fields.
            }
        }
    }

    private static void require(Object value, String field, String ref) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw missing(field, ref);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static FrameException missing(String field, String ref) {
        return new FrameException(ErrorCode.MISSING_FIELD, "missing field \"" + field + "\"", ref);
    }
}
