package org.urulink.protocol;

/** A file shared in a message: what a client needs to show it; the bytes are fetched with {@code GET /files/{id}}. */
public record Attachment(String fileId, String name, long size, String contentType) {
}
