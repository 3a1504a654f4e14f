package org.urulink.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

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
        BlobDownload.send(req, res, blobs, key, size);
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
