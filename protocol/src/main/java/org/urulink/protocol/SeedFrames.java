package org.urulink.protocol;

/**
 * Frames of the original (seed) urulink protocol, kept for its clients: a pair session opened with
 * {@code /ws?receiver_id=}. Field names are the seed's own.
 */
public final class SeedFrames {
    /** Seed status: the receiver was online when the message was sent. */
    public static final int ONLINE = 1;
    /** Seed status: the receiver was offline. */
    public static final int OFFLINE = 2;

    private SeedFrames() {
    }

    /** Client to server: {@code {"content_type":"text","content":"hello"}}. */
    public record In(String contentType, String content) {
    }

    /** Server to client. {@code createdAt} is epoch seconds, as the seed sent it. */
    public record Out(String senderId, String receiverId, String content, String contentType, String filePath,
                      int status, long createdAt) {
    }

    /** Server to client: {@code {"error":"..."}}. */
    public record Error(String error) {
    }
}
