package org.urulink.protocol;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Encodes and decodes frames, turning every kind of bad input into a {@link FrameException} with a code. */
public final class Frames {
    private static final Map<String, Class<? extends Frame>> TYPES = Map.ofEntries(
            Map.entry("send", Frame.Send.class),
            Map.entry("sync", Frame.Sync.class),
            Map.entry("read", Frame.Read.class),
            Map.entry("delivered", Frame.Delivered.class),
            Map.entry("typing", Frame.Typing.class),
            Map.entry("auth", Frame.Auth.class),
            Map.entry("ping", Frame.Ping.class),
            Map.entry("hello", Frame.Hello.class),
            Map.entry("ack", Frame.Ack.class),
            Map.entry("message", Frame.Message.class),
            Map.entry("synced", Frame.Synced.class),
            Map.entry("presence", Frame.Presence.class),
            Map.entry("conversation", Frame.ConversationChanged.class),
            Map.entry("authed", Frame.Authed.class),
            Map.entry("pong", Frame.Pong.class),
            Map.entry("error", Frame.Error.class));

    private Frames() {
    }

    /** The JSON text of a frame, with its {@code type}. */
    public static String encode(Frame frame) {
        try {
            return Json.mapper().writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes one frame.
     *
     * @throws FrameException with {@code bad_json}, {@code unknown_type} or {@code missing_field}
     */
    public static Frame decode(String text) {
        JsonNode tree = parse(text);
        String ref = text(tree, "client_id").or(() -> text(tree, "ref")).orElse(null);
        String type = text(tree, "type")
                .orElseThrow(() -> new FrameException(ErrorCode.MISSING_FIELD, "frame has no \"type\"", ref));
        Class<? extends Frame> cls = TYPES.get(type);
        if (cls == null) {
            throw new FrameException(ErrorCode.UNKNOWN_TYPE, "unknown frame type \"" + type + "\"", ref);
        }
        Frame frame;
        try {
            frame = Json.mapper().treeToValue(tree, cls);
        } catch (JsonProcessingException e) {
            throw new FrameException(ErrorCode.BAD_JSON, "a field of \"" + type + "\" has the wrong type", ref);
        }
        FrameRules.requireFields(frame, ref);
        return frame;
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode tree = Json.mapper().readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new FrameException(ErrorCode.BAD_JSON, "a frame must be a JSON object", null);
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new FrameException(ErrorCode.BAD_JSON, "malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr(), null);
        }
    }

    private static Optional<String> text(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }
}
