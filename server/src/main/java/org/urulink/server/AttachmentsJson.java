package org.urulink.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.urulink.protocol.Attachment;
import org.urulink.protocol.Json;

/** The {@code messages.attachments} column: a JSON array, NULL for none. */
final class AttachmentsJson {
    private static final TypeReference<List<Attachment>> LIST = new TypeReference<>() {
    };

    private AttachmentsJson() {
    }

    static String write(List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(attachments);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Attachment> read(String column) {
        if (column == null) {
            return List.of();
        }
        try {
            return List.copyOf(Json.mapper().readValue(column, LIST));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored message has unreadable attachments", e);
        }
    }
}
