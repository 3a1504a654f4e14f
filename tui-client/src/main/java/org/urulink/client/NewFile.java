package org.urulink.client;

/**
 * What {@code POST /files} is told about a file before its bytes are sent.
 *
 * @param name           the name to show (the server keeps only its last path part)
 * @param size           exact length in bytes; the server refuses one over its limit before any byte is sent
 * @param contentType    a media type such as {@code image/png}
 * @param sha256         lowercase hex digest, checked by the server when the upload is completed
 * @param conversationId where the file will be shared; the caller must be a member
 */
public record NewFile(String name, long size, String contentType, String sha256, String conversationId) {
}
