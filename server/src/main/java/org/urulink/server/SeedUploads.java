package org.urulink.server;

import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.urulink.protocol.ErrorCode;

/**
 * Files a seed client sends through this server ({@code POST /upload}), as opposed to the native flow of
 * {@link SharedFiles}, where clients PUT to a signed URL. Same limits, same rows, same sweep.
 */
final class SeedUploads {
    private final Store store;
    private final BlobStore blobs;
    private final long maxFileBytes;
    private final FileTypes types;
    private final Clock clock;

    SeedUploads(Store store, BlobStore blobs, long maxFileBytes, FileTypes types, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.maxFileBytes = maxFileBytes;
        this.types = types;
        this.clock = clock;
    }

    static SeedUploads of(Services services) {
        return new SeedUploads(services.store(), services.blobs(), services.config().maxFileBytes(),
                new FileTypes(services.config().fileTypes()), services.clock());
    }

    /**
     * Streams a file a seed client sends ({@code POST /upload}) into the blob store. It is owned by the uploader,
     * meant for no conversation, and pending until {@link #completeAll}: a request that fails half-way
     * {@link #discard}s what it stored, and the sweep removes what a crash left.
     */
    StoredFile receive(User me, String name, String contentType, InputStream in) {
        String type = FileNames.contentType(contentType);
        types.check(type);
        String key = blobs.newKey();
        long size;
        try {
            size = blobs.write(key, in, maxFileBytes);
        } catch (ChatException e) {
            if (e.code() == ErrorCode.TOO_LARGE) {
                throw new ChatException(ErrorCode.TOO_LARGE, "a file is over the limit of " + maxFileBytes + " bytes");
            }
            throw e;
        }
        long now = clock.millis();
        StoredFile file = new StoredFile(UUID.randomUUID().toString(), me.id(), null, FileNames.sanitize(name), size,
                type, null, key, false, now, now + SharedFiles.UPLOAD_WINDOW.toMillis());
        try {
            store.insertFile(file);
        } catch (RuntimeException e) {
            blobs.delete(key);
            throw e;
        }
        return file;
    }

    /** Marks files {@link #receive}d by one request complete, once all of them were stored. */
    void completeAll(List<StoredFile> received) {
        received.forEach(f -> store.completeFile(f.id()));
    }

    /** Removes files {@link #receive}d by a request that then failed: rows first, then bytes. */
    void discard(List<StoredFile> received) {
        for (StoredFile f : received) {
            if (store.deletePendingFile(f.id())) {
                blobs.delete(f.blobKey());
            }
        }
    }
}
