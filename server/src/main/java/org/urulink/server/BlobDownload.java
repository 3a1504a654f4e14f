package org.urulink.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Answers a GET with an object's bytes, streamed from the blob store, honouring one {@code Range}. */
final class BlobDownload {
    private static final HeaderName NOSNIFF = HeaderNames.create("X-Content-Type-Options");

    private BlobDownload() {
    }

    static void send(ServerRequest req, ServerResponse res, BlobStore blobs, String key, long size) {
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(req.headers().first(HeaderNames.RANGE), size);
        } catch (ByteRange.Unsatisfiable e) {
            res.status(Status.REQUESTED_RANGE_NOT_SATISFIABLE_416)
                    .header(HeaderNames.CONTENT_RANGE, "bytes */" + size).send();
            return;
        }
        ByteRange r = range.orElse(new ByteRange(0, size - 1));
        range.ifPresent(x -> res.status(Status.PARTIAL_CONTENT_206)
                .header(HeaderNames.CONTENT_RANGE, x.contentRange(size)));
        // Served from the API's own origin: never let a browser render an uploaded file as a page (stored XSS).
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream")
                .header(NOSNIFF, "nosniff")
                .header(HeaderNames.CONTENT_DISPOSITION, "attachment");
        res.contentLength(Math.max(r.length(), 0));
        if (r.length() <= 0) {
            res.send();
            return;
        }
        try (InputStream in = blobs.open(key, r.first(), r.length()); OutputStream out = res.outputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
