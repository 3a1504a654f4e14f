package org.urulink.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.urulink.protocol.ErrorCode;

/**
 * {@code PUT} and {@code GET /blobs/{key}}: the signed URLs of the {@link LocalBlobStore}. No token: the
 * signature is the permission. Bytes stream between socket and disk, never whole in memory.
 */
final class BlobRoutes implements HttpService {
    private static final HeaderName NOSNIFF = HeaderNames.create("X-Content-Type-Options");
    private final LocalBlobStore blobs;

    BlobRoutes(LocalBlobStore blobs) {
        this.blobs = blobs;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/blobs/{key}", this::upload)
                .get("/blobs/{key}", this::download);
    }

    private void upload(ServerRequest req, ServerResponse res) {
        String key = key(req);
        long max = HttpJson.longParam(req, "max").orElse(-1L);
        blobs.check("PUT", key, expires(req), max, sig(req));
        Optional<Long> declared = req.headers().contentLength().stream().boxed().findFirst();
        if (declared.isPresent() && declared.get() > max) {
            throw new ChatException(ErrorCode.TOO_LARGE, "the upload is longer than the " + max + " bytes declared");
        }
        try (InputStream in = req.content().inputStream()) {
            blobs.receive(key, max, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private void download(ServerRequest req, ServerResponse res) {
        String key = key(req);
        blobs.check("GET", key, expires(req), -1, sig(req));
        long size = blobs.size(key).orElseThrow(() -> ChatException.notFound("file"));
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
        stream(key, r, res);
    }

    private void stream(String key, ByteRange r, ServerResponse res) {
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

    private static String key(ServerRequest req) {
        return req.path().pathParameters().get("key");
    }

    private static long expires(ServerRequest req) {
        return HttpJson.longParam(req, "expires").orElseThrow(() -> forged());
    }

    private static String sig(ServerRequest req) {
        return req.query().first("sig").asOptional().orElseThrow(() -> forged());
    }

    private static ChatException forged() {
        return new ChatException(ErrorCode.FORBIDDEN, "this link is not valid");
    }
}
