package org.urulink.client;

import java.net.URI;

/**
 * The answer of {@code POST /files}: the new file's id and where to {@code PUT} its bytes.
 *
 * @param uploadUrl       signed: whoever holds it may upload, so it is never shown (see {@link #toString()})
 * @param uploadExpiresAt epoch milliseconds after which the URL is refused
 */
public record UploadTicket(String fileId, URI uploadUrl, long uploadExpiresAt) {
    @Override
    public String toString() {
        return "UploadTicket[" + fileId + " -> " + SignedUrls.withoutSignature(uploadUrl) + "]";
    }
}
