package org.urulink.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.urulink.protocol.Frames;
import org.urulink.protocol.Json;

/**
 * An envelope as it crosses between nodes: {@code {"to":[user ids],"except":"session","frame":{...}}}, or
 * {@code {"to":[user ids],"resync":true}} asking that those users' sessions sync.
 */
final class EnvelopeCodec {
    private EnvelopeCodec() {
    }

    /** What came off the bus: a frame to deliver, or users whose sessions must sync. */
    sealed interface Decoded {
    }

    record Deliver(Envelope envelope) implements Decoded {
    }

    record Resync(List<String> users) implements Decoded {
    }

    static byte[] encodeResync(Collection<String> users) {
        ObjectNode root = Json.mapper().createObjectNode();
        users.forEach(root.putArray("to")::add);
        root.put("resync", true);
        try {
            return Json.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encode(Collection<String> recipients, Envelope envelope) {
        ObjectNode root = Json.mapper().createObjectNode();
        recipients.forEach(root.putArray("to")::add);
        root.put("except", envelope.exceptSession());
        try {
            root.set("frame", Json.mapper().readTree(Frames.encode(envelope.frame())));
            return Json.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a frame we encoded does not parse", e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not an envelope */
    static Decoded decode(byte[] body) {
        try {
            JsonNode root = Json.mapper().readTree(new String(body, StandardCharsets.UTF_8));
            List<String> to = new ArrayList<>();
            root.path("to").forEach(n -> to.add(n.asText()));
            if (root.path("resync").asBoolean(false)) {
                return new Resync(to);
            }
            return new Deliver(new Envelope(to, Frames.decode(root.path("frame").toString()),
                    root.path("except").asText("")));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not an envelope: " + e.getMessage(), e);
        }
    }
}
