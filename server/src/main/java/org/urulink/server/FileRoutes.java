package org.urulink.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /files...}: announce an upload, complete it, get a download link. The bytes go through signed URLs. */
final class FileRoutes implements HttpService {
    private final Services services;

    FileRoutes(Services services) {
        this.services = services;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/files", this::create)
                .post("/files/{id}/complete", this::complete)
                .get("/files/{id}", this::download)
                .get("/files/{id}/content", this::content);
    }

    private void create(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        var body = HttpJson.read(req, HttpRequests.NewFile.class);
        SharedFiles.Created created = services.files().create(me, body);
        HttpJson.send(res, Status.CREATED_201, new HttpRequests.UploadView(created.file().id(),
                absolute(req, created.upload().url()), created.upload().expiresAt()));
    }

    private void complete(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        HttpJson.ok(res, services.files().complete(me, id(req)).attachment());
    }

    private void download(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        SharedFiles.Download d = services.files().download(me, id(req));
        String url = absolute(req, d.url().url());
        if (req.query().first("redirect").asOptional().filter("1"::equals).isPresent()) {
            res.status(Status.FOUND_302).header(HeaderNames.LOCATION, url).send();
            return;
        }
        // The digest the upload was checked against, when its client gave one, so a download can be checked too.
        HttpJson.ok(res, new HttpRequests.DownloadView(url, d.url().expiresAt(), d.file().name(), d.file().size(),
                d.file().contentType(), d.file().sha256()));
    }

    /**
     * The bytes themselves, through this server, for clients that cannot follow a signed URL: a seed client's
     * {@code file_url}. The same readers as {@link #download}; {@code Range} works as on a signed URL.
     */
    private void content(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        StoredFile file = services.files().readable(me, id(req));
        BlobDownload.send(req, res, services.blobs(), file.blobKey(), file.size());
    }

    /** URLs served by this server are made absolute against the address the client used to reach it. */
    static String absolute(ServerRequest req, String url) {
        if (!url.startsWith("/")) {
            return url;
        }
        return req.requestedUri().scheme() + "://" + req.requestedUri().authority() + url;
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
