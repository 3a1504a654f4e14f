package org.urulink.server;

import java.io.InputStream;
import java.util.Optional;

/**
 * Where file bytes live. Clients move the bytes themselves through short-lived signed URLs, so the same
 * calls fit the embedded disk store ({@link LocalBlobStore}) and a later S3/MinIO store with presigned URLs.
 * Keys are chosen by the server, never by a client.
 */
interface BlobStore extends AutoCloseable {

    /**
     * A URL a client uses without its token, valid until {@code expiresAt} (epoch milliseconds). A URL starting
     * with {@code /} is served by this server and is made absolute against the request that asked for it.
     */
    record SignedUrl(String url, long expiresAt) {
    }

    /**
     * An object as stored; {@code sha256} is lowercase hex, or empty when the backend does not know it without
     * reading the whole object.
     */
    record Stat(long size, String sha256) {
    }

    /** A fresh random key for a new object: 256 random bits, URL-safe. */
    default String newKey() {
        return BlobKeys.random();
    }

    /** Where the client PUTs the object's bytes; more than {@code size} bytes are refused. */
    SignedUrl uploadUrl(String key, long size);

    SignedUrl downloadUrl(String key);

    Optional<Stat> stat(String key);

    /** The object's bytes from {@code offset}, at most {@code length} of them. */
    InputStream open(String key, long offset, long length);

    /**
     * Stores bytes the server receives itself (a seed client's {@code POST /upload}), streaming, never whole in
     * memory; returns how many. More than {@code max} bytes are refused ({@code too_large}) and nothing is kept.
     */
    long write(String key, InputStream in, long max);

    /** Deletes the object if it exists; a failure is only logged (the bytes take space, nothing more). */
    void delete(String key);

    /** Releases what the store holds; the clients handed to it belong to their builder and stay open. */
    @Override
    default void close() {
    }
}
