package org.urulink.server;

import org.urulink.protocol.Attachment;

/**
 * A file as recorded: its bytes are the blob {@code blobKey}. {@code conversationId} is where the uploader meant
 * to share it, or null for a seed client's upload, which names none; who may read a file never depends on it.
 * {@code sha256} is the hex digest the uploader
 * declared, or null when none was. {@code expiresAt}: until when a pending upload is kept.
 */
record StoredFile(String id, String ownerId, String conversationId, String name, long size, String contentType,
                  String sha256, String blobKey, boolean complete, long createdAt, long expiresAt) {

    Attachment attachment() {
        return new Attachment(id, name, size, contentType);
    }

    StoredFile completed() {
        return new StoredFile(id, ownerId, conversationId, name, size, contentType, sha256, blobKey, true, createdAt,
                expiresAt);
    }
}
