package org.urulink.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One WebSocket frame of the native protocol: a JSON object whose {@code type} names the record.
 * Frames the client sends and frames the server sends share this one hierarchy so both sides use
 * the same codec; {@link Frames} says which direction each type travels.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Frame.Send.class, name = "send"),
        @JsonSubTypes.Type(value = Frame.Sync.class, name = "sync"),
        @JsonSubTypes.Type(value = Frame.Read.class, name = "read"),
        @JsonSubTypes.Type(value = Frame.Delivered.class, name = "delivered"),
        @JsonSubTypes.Type(value = Frame.Typing.class, name = "typing"),
        @JsonSubTypes.Type(value = Frame.Auth.class, name = "auth"),
        @JsonSubTypes.Type(value = Frame.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = Frame.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = Frame.Ack.class, name = "ack"),
        @JsonSubTypes.Type(value = Frame.Message.class, name = "message"),
        @JsonSubTypes.Type(value = Frame.Synced.class, name = "synced"),
        @JsonSubTypes.Type(value = Frame.Presence.class, name = "presence"),
        @JsonSubTypes.Type(value = Frame.ConversationChanged.class, name = "conversation"),
        @JsonSubTypes.Type(value = Frame.Authed.class, name = "authed"),
        @JsonSubTypes.Type(value = Frame.Pong.class, name = "pong"),
        @JsonSubTypes.Type(value = Frame.Error.class, name = "error")
})
public sealed interface Frame {

    /**
     * Client: post {@code body} to a conversation, or to a user ({@code to}, username or id) for a direct chat.
     * {@code attachments}: ids of complete uploaded files, or null; with attachments the body may be empty.
     */
    record Send(String clientId, String conversationId, String to, String body, java.util.List<String> attachments)
            implements Frame {
    }

    /** Client: catch up. {@code cursors} maps conversation id to the last seq the client holds. */
    record Sync(java.util.Map<String, Long> cursors, Integer limit) implements Frame {
    }

    /**
     * Client: "I have read up to {@code seq}". Server: relays it to the other members with {@code user} set.
     */
    record Read(String conversationId, Long seq, String user) implements Frame {
    }

    /** Like {@link Read}, for "this device has received up to {@code seq}". */
    record Delivered(String conversationId, Long seq, String user) implements Frame {
    }

    /** Client: "I am typing here". Server: relays it with {@code user} set. Never stored. */
    record Typing(String conversationId, String user) implements Frame {
    }

    /** Client: renew the session's access token before it expires. */
    record Auth(String token) implements Frame {
    }

    /** Client: application-level keepalive for clients that cannot send WebSocket pings. */
    record Ping(String ref) implements Frame {
    }

    /** Server: first frame of a session. */
    record Hello(UserInfo user, String sessionId, long expiresAt, String serverVersion, int maxBody)
            implements Frame {
    }

    /** Server: the message with {@code clientId} is durably stored. */
    record Ack(String clientId, String messageId, String conversationId, long seq, long sentAt) implements Frame {
    }

    /** Server: a stored message. {@code sentAt} is epoch milliseconds; {@code attachments} is null when none. */
    record Message(String messageId, String conversationId, long seq, String from, String fromUsername,
                   String body, long sentAt, String clientId, java.util.List<Attachment> attachments) implements Frame {
    }

    /** Server: end of a sync answer, with every conversation of the user and its newest seq. */
    record Synced(java.util.List<SyncState> conversations) implements Frame {
    }

    /** Server: a user one shares a conversation with went online or offline. */
    record Presence(String user, String username, String status, Long lastSeen) implements Frame {
    }

    /** Server: a conversation of the user was created or changed (title, members), or the user left it. */
    record ConversationChanged(ConversationInfo conversation, String change) implements Frame {
    }

    /** Server: the token sent in {@link Auth} was accepted. */
    record Authed(long expiresAt) implements Frame {
    }

    /** Server: answer to {@link Ping}. */
    record Pong(String ref) implements Frame {
    }

    /** Server: a frame could not be handled; {@code ref} is its client_id or ref when it had one. */
    record Error(String code, String message, String ref) implements Frame {
    }
}
