package org.urulink.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The blob-store contract on the data directory, its URLs served by {@link BlobRoutes} on a real port. */
class LocalBlobStoreIT extends BlobStoreContract {
    @TempDir
    Path dir;
    private final List<WebServer> servers = new ArrayList<>();
    private WebServer last;

    @Override
    BlobStore store(Duration ttl) {
        LocalBlobStore store = new LocalBlobStore(dir.resolve("files"), new byte[32], ttl, Clock.systemUTC());
        last = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(new BlobRoutes(store))
                        .error(ChatException.class, (req, res, e) -> HttpJson.error(res, e.code(), e.getMessage())))
                .build().start();
        servers.add(last);
        return store;
    }

    @Override
    URI base() {
        return URI.create("http://127.0.0.1:" + last.port());
    }

    @Override
    String signatureParameter() {
        return "sig";
    }

    @Override
    Duration shortTtl() {
        return Duration.ofMillis(1);
    }

    @Override
    Duration pastShortTtl() {
        return Duration.ofMillis(20);
    }

    @AfterEach
    void stop() {
        servers.forEach(WebServer::stop);
    }
}
