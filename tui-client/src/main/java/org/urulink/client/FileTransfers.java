package org.urulink.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.urulink.protocol.Attachment;

/**
 * Uploads and downloads of files shared in chats (docs/protocol.md, "Files"). Bytes stream between disk and
 * socket in small chunks, so a file of any size fits in a small heap. The signed URLs are never put in an
 * exception message; errors name the server by its origin only.
 */
public final class FileTransfers {
    private final ApiClient api;
    private final HttpClient http;

    public FileTransfers(ApiClient api) {
        this.api = api;
        this.http = api.http();
    }

    /**
     * Uploads {@code file} for sharing in {@code conversationId}: announces it (name, size, media type guessed
     * from the name, SHA-256), PUTs the bytes, completes it. Answers the file as a message attachment: send
     * a message with its {@code fileId} to share it.
     *
     * @throws LocalFileException when the file is missing or unreadable
     * @throws ApiException       e.g. {@code too_large} (before any byte is sent) or {@code not_member}
     * @throws TransferException  when the connection broke part way (run it again)
     */
    public Attachment upload(Path file, String conversationId, TransferListener listener) {
        long size = readableSize(file);
        String name = file.getFileName().toString();
        UploadTicket ticket = api.announceFile(new NewFile(name, size, FileNames.contentType(file),
                Digests.sha256(file), conversationId));
        put(ticket, file, size, listener);
        return api.completeFile(ticket.fileId());
    }

    /** Downloads file {@code fileId} to {@code target}; see {@link #download(FileLink, Path, boolean, TransferListener)}. */
    public Downloaded download(String fileId, Path target, boolean replace, TransferListener listener) {
        return download(api.fileLink(fileId), target, replace, listener);
    }

    /**
     * Downloads the file behind {@code link} to {@code target}. The bytes go to {@code <target>.part} first; a
     * {@code .part} left by an interrupted try is resumed ({@code Range}), and {@code target} appears only once
     * the size (and SHA-256, when the server gave one) is right.
     *
     * @param replace whether an existing {@code target} may be replaced; if not, it is refused before any byte moves
     * @throws LocalFileException when {@code target} exists (and not {@code replace}) or cannot be written
     * @throws ApiException       e.g. {@code forbidden} when the link has expired: ask for a new one
     * @throws TransferException  when the connection broke (run it again to resume) or the bytes are wrong
     */
    public Downloaded download(FileLink link, Path target, boolean replace, TransferListener listener) {
        if (!replace && Files.exists(target)) {
            throw new LocalFileException(target, "exists already");
        }
        return new Download(http, link, target, listener).run(replace);
    }

    private void put(UploadTicket ticket, Path file, long size, TransferListener listener) {
        CountingPublisher body = CountingPublisher.of(file, size, listener);
        HttpRequest request = HttpRequest.newBuilder(ticket.uploadUrl()).PUT(body).build();
        listener.started(0, size);
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw broken(ticket, body.sent(), size, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException("the upload was interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw ApiClient.refusal(response.statusCode(), response.body(), response.headers());
        }
        listener.progress(size, size);
    }

    private static RuntimeException broken(UploadTicket ticket, long sent, long size, IOException e) {
        if (sent == 0) {
            return new ServerUnreachableException(SignedUrls.origin(ticket.uploadUrl()), ApiClient.reason(e), e);
        }
        return new TransferException("the upload broke after " + sent + " of " + size + " bytes ("
                + ApiClient.reason(e) + "); run it again", e);
    }

    /** The size of {@code file}, checked to be a readable regular file; {@link LocalFileException} if not. */
    public static long readableSize(Path file) {
        if (!Files.exists(file)) {
            throw new LocalFileException(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new LocalFileException(file, "is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new LocalFileException(file, "cannot read it (permission denied)");
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new LocalFileException(file, "cannot read it (" + e.getMessage() + ")", e);
        }
    }
}
