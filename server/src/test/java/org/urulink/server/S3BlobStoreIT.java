package org.urulink.server;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.minio.MinioClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The blob-store contract on a real S3 endpoint (S3Proxy in-process, or MinIO when the environment names one). */
class S3BlobStoreIT extends BlobStoreContract {
    private static TestS3 s3;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startS3() {
        s3 = TestS3.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Override
    BlobStore store(Duration ttl) {
        Backends.S3 settings = s3.s3(s3.bucket());
        MinioClient client = S3Clients.open(settings);
        opened.add(client);
        S3BlobStore store = new S3BlobStore(client, S3Clients.signer(settings), settings.bucket(), ttl,
                Clock.systemUTC());
        opened.add(store);
        return store;
    }

    @Override
    URI base() {
        return s3.endpoint();
    }

    @Override
    String signatureParameter() {
        return "X-Amz-Signature";
    }

    /** SigV4 counts in whole seconds. */
    @Override
    Duration shortTtl() {
        return Duration.ofSeconds(1);
    }

    @Override
    Duration pastShortTtl() {
        return Duration.ofMillis(2500);
    }

    @AfterEach
    void closeStores() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }
}
