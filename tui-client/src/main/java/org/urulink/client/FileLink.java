package org.urulink.client;

import java.net.URI;
import java.util.Optional;

/**
 * The answer of {@code GET /files/{id}}: where to fetch a file's bytes for the next minutes, and what it is.
 *
 * @param url       signed: whoever holds it may download, so it is never shown (see {@link #toString()})
 * @param expiresAt epoch milliseconds after which the URL is refused
 * @param name      as the uploader gave it, made safe by the server; use {@link FileNames#safe} before saving
 * @param sha256    lowercase hex digest when the server gives one (see {@link #digest()})
 */
public record FileLink(URI url, long expiresAt, String name, long size, String contentType, String sha256) {
    public FileLink {
        sha256 = sha256 == null ? "" : sha256;
        contentType = contentType == null ? "" : contentType;
    }

    /** The digest to check the downloaded bytes against, when the server gave one. */
    public Optional<String> digest() {
        return sha256.isBlank() ? Optional.empty() : Optional.of(sha256);
    }

    @Override
    public String toString() {
        return "FileLink[" + name + ", " + size + " bytes -> " + SignedUrls.withoutSignature(url) + "]";
    }
}
