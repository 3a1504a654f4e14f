package org.urulink.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One download into {@code <target>.part}, resumed with {@code Range: bytes=N-} when that file exists, moved to
 * {@code target} once complete and checked.
 */
final class Download {
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_ERROR_BODY = 16 * 1024;

    private final HttpClient http;
    private final FileLink link;
    private final Path target;
    private final Path part;
    private final TransferListener listener;

    Download(HttpClient http, FileLink link, Path target, TransferListener listener) {
        this.http = http;
        this.link = link;
        this.target = target;
        this.part = target.resolveSibling(target.getFileName() + ".part");
        this.listener = listener;
    }

    Downloaded run(boolean replace) {
        long have = partLength();
        long resumedFrom = have < link.size() ? fetch(have) : alreadyComplete(have);
        verify();
        move(replace);
        return new Downloaded(target, link.size(), resumedFrom);
    }

    /** What an earlier try left; a {@code .part} longer than the file cannot be this file's and is dropped. */
    private long partLength() {
        try {
            if (!Files.exists(part)) {
                return 0;
            }
            long have = Files.size(part);
            if (have > link.size()) {
                Files.delete(part);
                return 0;
            }
            return have;
        } catch (IOException e) {
            throw new LocalFileException(part, "cannot read it (" + e.getMessage() + ")", e);
        }
    }

    private long alreadyComplete(long have) {
        try {
            if (!Files.exists(part)) {
                Files.createFile(part); // an empty file: nothing to fetch
            }
        } catch (IOException e) {
            throw new LocalFileException(part, "cannot write it (" + e.getMessage() + ")", e);
        }
        listener.started(have, link.size());
        listener.progress(have, link.size());
        return have;
    }

    /** Fetches from {@code have} on; answers where the bytes that crossed the network started. */
    private long fetch(long have) {
        HttpResponse<InputStream> response = get(have);
        int status = response.statusCode();
        if (have > 0 && status == 206 && rangeStart(response).filter(s -> s == have).isPresent()) {
            return copy(response.body(), have);
        }
        if (status == 200) {
            return copy(response.body(), 0); // the server ignored the Range: start over
        }
        close(response);
        if (have > 0 && (status == 206 || status == 416)) {
            return fetch(0); // a range we did not ask for, or the .part does not fit: start over
        }
        throw refusal(response);
    }

    private HttpResponse<InputStream> get(long from) {
        HttpRequest.Builder request = HttpRequest.newBuilder(link.url()).GET();
        if (from > 0) {
            request.header("Range", "bytes=" + from + "-");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ServerUnreachableException(origin(), ApiClient.reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException("the download was interrupted; run it again to resume", e);
        }
    }

    private long copy(InputStream body, long from) {
        listener.started(from, link.size());
        long done = from;
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = body; OutputStream out = openPart(from)) {
            for (int n; (n = read(in, buffer, done)) > 0; ) {
                write(out, buffer, n);
                done += n;
                listener.progress(done, link.size());
            }
        } catch (IOException e) {
            // Closing the network stream or the .part failed after the bytes were written: verify() judges them.
        }
        return from;
    }

    private OutputStream openPart(long from) {
        try {
            return from == 0
                    ? Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE)
                    : Files.newOutputStream(part, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new LocalFileException(part, "cannot write it (" + e.getMessage() + ")", e);
        }
    }

    private int read(InputStream in, byte[] buffer, long done) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new TransferException("the download broke after " + done + " of " + link.size() + " bytes ("
                    + ApiClient.reason(e) + "); run it again to resume", e);
        }
    }

    private void write(OutputStream out, byte[] buffer, int n) {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw new LocalFileException(part, "cannot write it (" + e.getMessage() + ")", e);
        }
    }

    /** The size must be right, and the digest when the server gave one; wrong bytes are thrown away. */
    private void verify() {
        long have = partLength();
        if (have < link.size()) {
            throw new TransferException("the download stopped after " + have + " of " + link.size()
                    + " bytes; run it again to resume");
        }
        Optional<String> expected = link.digest();
        if (expected.isPresent() && !expected.get().equalsIgnoreCase(Digests.sha256(part))) {
            deletePart();
            throw new TransferException("the downloaded bytes do not match the file's SHA-256 and were deleted;"
                    + " run it again");
        }
    }

    private void move(boolean replace) {
        try {
            if (replace) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(part, target); // refuses an existing target, unlike a plain rename(2)
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new LocalFileException(target, "exists already; the download is kept in " + part.getFileName(), e);
        } catch (IOException e) {
            throw new LocalFileException(target, "cannot write it (" + e.getMessage() + ")", e);
        }
    }

    private void deletePart() {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            throw new LocalFileException(part, "cannot delete it (" + e.getMessage() + ")", e);
        }
    }

    private static Optional<Long> rangeStart(HttpResponse<?> response) {
        // Content-Range: bytes 100-199/200
        return response.headers().firstValue("Content-Range")
                .map(v -> v.replaceFirst("^bytes\\s+(\\d+)-.*$", "$1"))
                .filter(v -> v.matches("\\d+"))
                .map(Long::parseLong);
    }

    private ApiException refusal(HttpResponse<InputStream> response) {
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            body = "";
        }
        return ApiClient.refusal(response.statusCode(), body, response.headers());
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // nothing more to read from it either way
        }
    }

    private URI origin() {
        return SignedUrls.origin(link.url());
    }
}
