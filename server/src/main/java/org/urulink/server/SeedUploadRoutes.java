package org.urulink.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.urulink.protocol.ErrorCode;

/**
 * {@code POST /upload}, as the original urulink's clients send it: a multipart form whose field {@code files} holds
 * one or more files, streamed into the blob store. Unlike the original, each file is owned by its uploader and its
 * {@code file_url} is this server's {@code /files/{id}/content}, which asks for a token and serves only the people
 * who may read the file, instead of a link anyone holding it could use for 48 hours.
 */
final class SeedUploadRoutes implements HttpService {
    /** Room for the form's boundaries and part headers around a file of the largest size. */
    static final long FORM_OVERHEAD = 64 * 1024;
    private static final String FIELD = "files";

    private final Services services;
    private final SeedUploads uploads;

    SeedUploadRoutes(Services services) {
        this.services = services;
        this.uploads = SeedUploads.of(services);
    }

    /** One uploaded file as the original answered it. */
    record Uploaded(String fileName, String fileUrl) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/upload", this::upload);
    }

    private void upload(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        String boundary = req.headers().first(HeaderNames.CONTENT_TYPE).flatMap(MultipartReader::boundary)
                .orElseThrow(() -> ChatException.invalid("POST /upload takes a multipart/form-data form with the "
                        + "files in the field \"" + FIELD + "\""));
        List<StoredFile> received = receive(req, me, boundary);
        if (received.isEmpty()) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "the form has no file in the field \"" + FIELD + "\"");
        }
        uploads.completeAll(received);
        HttpJson.ok(res, received.stream().map(f -> new Uploaded(f.name(),
                FileRoutes.absolute(req, SharedFiles.contentPath(f.id())))).toList());
    }

    /** Stores every file of the form; when one fails, none is kept. */
    private List<StoredFile> receive(ServerRequest req, User me, String boundary) {
        List<StoredFile> received = new ArrayList<>();
        MultipartReader form = null;
        try (InputStream in = req.content().inputStream()) {
            form = new MultipartReader(in, boundary);
            for (Optional<MultipartReader.Part> p = form.next(); p.isPresent(); p = form.next()) {
                MultipartReader.Part part = p.get();
                if (FIELD.equals(part.disposition("name").orElse(""))) {
                    received.add(uploads.receive(me, part.disposition("filename").orElse(""),
                            part.contentType().orElse(null), part.body()));
                }
            }
            return received;
        } catch (IOException | RuntimeException e) {
            uploads.discard(received);
            if (form != null && form.malformed()) {
                throw ChatException.invalid("the body is not a valid multipart/form-data form");
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }
}
