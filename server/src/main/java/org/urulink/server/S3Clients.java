package org.urulink.server;

import io.minio.MinioClient;

/** Builds the MinIO client for an S3-compatible store. */
final class S3Clients {
    private S3Clients() {
    }

    static MinioClient open(Backends.S3 s3) {
        throw new ConfigException("S3 (s3-endpoint) is not supported by this build yet");
    }
}
