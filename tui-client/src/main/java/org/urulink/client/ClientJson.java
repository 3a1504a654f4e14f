package org.urulink.client;

import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.urulink.protocol.Frame;
import org.urulink.protocol.Json;

/**
 * The wire's JSON configuration ({@link Json#mapper()}), with one relaxation for HTTP bodies: a message or
 * ack embedded in an HTTP answer carries no {@code type}, so a concrete frame record may be read without one.
 */
final class ClientJson {
    static final ObjectMapper MAPPER = ((JsonMapper) Json.mapper()).rebuild()
            .disable(MapperFeature.REQUIRE_TYPE_ID_FOR_SUBTYPES)
            .build();

    private ClientJson() {
    }

    static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new ApiException(0, "bad_json", "unexpected answer from the server: " + e.getOriginalMessage());
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message as HTTP shows it: the {@code message} frame without its {@code type}. */
    static ObjectNode messageNode(Frame.Message message) {
        ObjectNode node = MAPPER.valueToTree(message);
        node.remove("type");
        return node;
    }
}
