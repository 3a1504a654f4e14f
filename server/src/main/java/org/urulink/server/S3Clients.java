package org.urulink.server;

import java.net.URI;

import io.minio.MinioClient;

/**
 * Builds MinIO clients for an S3-compatible store. Both address buckets path-style ({@code host/bucket/key}), which
 * MinIO, S3Proxy and AWS all serve and which needs no wildcard DNS, and know the region, so neither ever asks the
 * store for a bucket's location first.
 */
final class S3Clients {
    private S3Clients() {
    }

    /** The client the server itself uses, on {@link Backends.S3#endpoint()}. Close it when done. */
    static MinioClient open(Backends.S3 s3) {
        return client(s3.endpoint(), s3);
    }

    /**
     * A client that only signs URLs for {@link Backends.S3#publicEndpoint()}, where clients reach the store: the
     * host is part of the signature, so URLs signed for the inner endpoint would not work from outside. Presigning
     * is local computation; this client never connects anywhere. Close it when done all the same.
     */
    static MinioClient signer(Backends.S3 s3) {
        return client(s3.publicEndpoint(), s3);
    }

    private static MinioClient client(URI endpoint, Backends.S3 s3) {
        MinioClient client = MinioClient.builder()
                .endpoint(endpoint.toString())
                .region(s3.region())
                .credentials(s3.accessKey(), s3.secretKey())
                .build();
        client.disableVirtualStyleEndpoint();
        return client;
    }
}
