package org.urulink.cli;

/**
 * The few frame fields the bench reads and writes, without a JSON tree per frame: the generator shares the
 * machine with the server, so its own cost per message must stay small. Only string fields whose values the
 * bench chose (client ids, refs) or the server's fixed words (type, code) are read this way.
 */
final class BenchFrames {
    private BenchFrames() {
    }

    /** The {@code type} of a server frame, or "" when it has none. */
    static String type(String frame) {
        return field(frame, "\"type\":\"");
    }

    /** The {@code client_id} of a {@code message} or {@code ack}, or "". */
    static String clientId(String frame) {
        return field(frame, "\"client_id\":\"");
    }

    /** The {@code ref} of a {@code pong} or {@code error}, or "". */
    static String ref(String frame) {
        return field(frame, "\"ref\":\"");
    }

    /** The {@code code} of an {@code error}, or "". */
    static String code(String frame) {
        return field(frame, "\"code\":\"");
    }

    /** A {@code send} to a conversation. {@code body} must need no JSON escaping (the bench's bodies do not). */
    static String send(String clientId, String conversationId, String body) {
        return "{\"type\":\"send\",\"client_id\":\"" + clientId + "\",\"conversation_id\":\"" + conversationId
                + "\",\"body\":\"" + body + "\"}";
    }

    static String ping(String ref) {
        return "{\"type\":\"ping\",\"ref\":\"" + ref + "\"}";
    }

    private static String field(String frame, String key) {
        int at = frame.indexOf(key);
        if (at < 0) {
            return "";
        }
        int start = at + key.length();
        int end = frame.indexOf('"', start);
        return end < 0 ? "" : frame.substring(start, end);
    }
}
