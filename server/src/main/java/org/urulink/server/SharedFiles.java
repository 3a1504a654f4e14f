package org.urulink.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.ErrorCode;

/**
 * Files shared in chats. Only the uploader and members of a conversation the file was shared to may read one;
 * to everyone else it does not exist (404), so ids reveal nothing.
 */
final class SharedFiles {
    static final int MAX_ATTACHMENTS = 10;
    static final int SWEEP_BATCH = 500;
    /** A seed upload's {@code file_url} in a message text; ids are UUIDs. */
    private static final Pattern FILE_URL = Pattern.compile("/files/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/content");
    /** How often the sweep of abandoned uploads runs. */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
    /** How long a pending upload is kept for its uploader to finish; {@link #sweep} removes it after that. */
    static final Duration UPLOAD_WINDOW = Duration.ofHours(24);

    private final Store store;
    private final Conversations conversations;
    private final BlobStore blobs;
    private final long maxFileBytes;
    private final FileTypes types;
    private final Clock clock;

    SharedFiles(Store store, Conversations conversations, BlobStore blobs, long maxFileBytes, FileTypes types,
                Clock clock) {
        this.store = store;
        this.conversations = conversations;
        this.blobs = blobs;
        this.maxFileBytes = maxFileBytes;
        this.types = types;
        this.clock = clock;
    }

    record Created(StoredFile file, BlobStore.SignedUrl upload) {
    }

    record Download(StoredFile file, BlobStore.SignedUrl url) {
    }

    /**
     * Records a pending file and signs its upload URL; refuses oversize files and types not allowed before a byte
     * is sent.
     */
    Created create(User me, HttpRequests.NewFile req) {
        if (req.conversationId() == null || req.conversationId().isBlank()) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "missing field \"conversation_id\"");
        }
        if (req.size() == null) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "missing field \"size\"");
        }
        if (req.size() < 0) {
            throw ChatException.invalid("size must not be negative");
        }
        if (req.size() > maxFileBytes) {
            throw new ChatException(ErrorCode.TOO_LARGE, "the file is " + req.size() + " bytes; the limit is "
                    + maxFileBytes);
        }
        String type = FileNames.contentType(req.contentType());
        types.check(type);
        conversations.requireMember(req.conversationId(), me.id());
        long now = clock.millis();
        StoredFile file = new StoredFile(UUID.randomUUID().toString(), me.id(), req.conversationId(),
                FileNames.sanitize(req.name()), req.size(), type, FileNames.sha256(req.sha256()), blobs.newKey(),
                false, now, now + UPLOAD_WINDOW.toMillis());
        store.insertFile(file);
        return new Created(file, blobs.uploadUrl(file.blobKey(), file.size()));
    }

    /** Checks the uploaded object against what was declared and marks the file complete. Uploader only. */
    StoredFile complete(User me, String fileId) {
        StoredFile file = store.file(fileId).filter(f -> f.ownerId().equals(me.id()))
                .orElseThrow(() -> ChatException.notFound("file"));
        if (file.complete()) {
            return file;
        }
        if (file.expiresAt() < clock.millis()) {
            throw ChatException.notFound("file");
        }
        BlobStore.Stat stat = blobs.stat(file.blobKey())
                .orElseThrow(() -> ChatException.invalid("nothing was uploaded for this file yet"));
        String mismatch = mismatch(file, stat);
        if (mismatch != null) {
            // Removed so the uploader can send the right bytes again while the upload URL lasts.
            blobs.delete(file.blobKey());
            throw ChatException.invalid(mismatch);
        }
        if (!store.completeFile(file.id())) {
            // Swept meanwhile (or completed by a parallel call, which the first check then sees next time).
            return store.file(file.id()).filter(StoredFile::complete).orElseThrow(() -> ChatException.notFound("file"));
        }
        return file.completed();
    }

    /**
     * Deletes uploads never completed within {@link #UPLOAD_WINDOW}: their rows and their bytes. Runs on the
     * server's timer; returns how many it removed.
     */
    int sweep() {
        int removed = 0;
        List<StoredFile> expired;
        do {
            expired = store.expiredPendingFiles(clock.millis(), SWEEP_BATCH);
            for (StoredFile f : expired) {
                // The row goes first: a file completed meanwhile keeps both.
                if (store.deletePendingFile(f.id())) {
                    blobs.delete(f.blobKey());
                    removed++;
                }
            }
        } while (expired.size() == SWEEP_BATCH);
        return removed;
    }

    private String mismatch(StoredFile file, BlobStore.Stat stat) {
        if (stat.size() != file.size()) {
            return "the upload is " + stat.size() + " bytes but the file was declared as " + file.size() + " bytes";
        }
        if (file.sha256() == null) {
            return null;
        }
        String actual = stat.sha256().isEmpty() ? sha256(file) : stat.sha256();
        if (!actual.equals(file.sha256())) {
            return "the upload's sha256 is " + actual + " but the file was declared with " + file.sha256();
        }
        return null;
    }

    /** Streams the object through a digest: once per file, at completion, and never whole in memory. */
    private String sha256(StoredFile file) {
        try (InputStream in = blobs.open(file.blobKey(), 0, file.size())) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("reading an upload to hash it failed", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short-lived download URL, for the uploader and members of a conversation the file was shared to. */
    Download download(User me, String fileId) {
        StoredFile file = readable(me, fileId);
        return new Download(file, blobs.downloadUrl(file.blobKey()));
    }

    /**
     * The files a message may carry: complete, and readable by the sender. Sending shares them to the message's
     * conversation (done by the store with the message, in one transaction).
     */
    List<Attachment> attachable(User sender, List<String> fileIds) {
        if (fileIds == null || fileIds.isEmpty()) {
            return List.of();
        }
        if (fileIds.size() > MAX_ATTACHMENTS) {
            throw ChatException.invalid("a message carries at most " + MAX_ATTACHMENTS + " attachments");
        }
        return new LinkedHashSet<>(fileIds).stream().map(id -> readable(sender, id).attachment()).toList();
    }

    /** The path a file's bytes are read at (its seed {@code file_url}); {@link #FILE_URL} finds it in a text. */
    static String contentPath(String fileId) {
        return "/files/" + fileId + "/content";
    }

    /**
     * The files whose {@code file_url} ({@code /files/{id}/content}) a seed client's text names and the sender may
     * read: sending such a text shares them with the receiver, as attaching them does. Others are left as text.
     */
    List<String> linkedIn(User sender, String text) {
        return FILE_URL.matcher(text).results().map(m -> m.group(1)).distinct()
                .filter(id -> store.canReadFile(id, sender.id())
                        && store.file(id).filter(StoredFile::complete).isPresent())
                .limit(MAX_ATTACHMENTS).toList();
    }

    /** A complete file {@code me} may read; 404 otherwise, so an id reveals nothing. */
    StoredFile readable(User me, String fileId) {
        if (fileId == null || !store.canReadFile(fileId, me.id())) {
            throw ChatException.notFound("file");
        }
        return store.file(fileId).filter(StoredFile::complete).orElseThrow(() -> ChatException.notFound("file"));
    }
}
