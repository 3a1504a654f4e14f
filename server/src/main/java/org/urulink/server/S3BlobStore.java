package org.urulink.server;

import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;

/**
 * Blobs in an S3-compatible store (MinIO, S3). Clients PUT and GET the bytes on presigned URLs, so the store checks
 * signature and expiry (403 when altered or late) and the bytes never pass through this server, except for seed
 * uploads ({@link #write}). A presigned PUT cannot cap the length of what is sent: {@link SharedFiles#complete}
 * compares the object with the declared size and deletes a wrong one.
 */
final class S3BlobStore implements BlobStore {
    private static final System.Logger LOG = System.getLogger(S3BlobStore.class.getName());
    /** Presigned URLs live between one second and seven days: SigV4's own bounds. */
    private static final long MIN_TTL_SECONDS = 1;
    private static final long MAX_TTL_SECONDS = Duration.ofDays(7).toSeconds();
    /** The smallest part S3 accepts; a stream of unknown length is sent one such part at a time. */
    static final long PART_SIZE = 5L * 1024 * 1024;
    /** Served from a store that may share an origin with a web client: never let a browser render a file. */
    private static final Map<String, String> DOWNLOAD_HEADERS = Map.of(
            "response-content-type", "application/octet-stream",
            "response-content-disposition", "attachment");
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchObject", "NotFound");
    private static final Set<String> OURS_ALREADY = Set.of("BucketAlreadyOwnedByYou", "BucketAlreadyExists");

    private final MinioClient client;
    private final MinioClient signer;
    private final String bucket;
    private final int ttlSeconds;
    private final Clock clock;

    /**
     * Creates {@code bucket} when missing. {@code client} reaches the store from this server; {@code signer} signs
     * URLs for the address clients use ({@link S3Clients#signer}). This store closes {@code signer}, not
     * {@code client}, which belongs to {@link Clients}.
     */
    S3BlobStore(MinioClient client, MinioClient signer, String bucket, Duration ttl, Clock clock) {
        this.client = client;
        this.signer = signer;
        this.bucket = bucket;
        this.ttlSeconds = (int) Math.clamp(ttl.toSeconds(), MIN_TTL_SECONDS, MAX_TTL_SECONDS);
        this.clock = clock;
        try {
            ensureBucket();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Fails the start with what the store said, so an operator can fix the settings (endpoint, keys, bucket). */
    private void ensureBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                makeBucket();
            }
        } catch (Exception e) {
            String why = e instanceof ErrorResponseException r ? r.errorResponse().code() + ": "
                    + r.errorResponse().message() : e.toString();
            throw new IllegalStateException("cannot use the S3 bucket \"" + bucket + "\" (s3-endpoint, s3-access-key, "
                    + "s3-secret-key, s3-bucket): " + why, e);
        }
    }

    private void makeBucket() throws Exception {
        try {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            LOG.log(Level.INFO, "created the S3 bucket " + bucket);
        } catch (ErrorResponseException e) {
            // Another node made it meanwhile.
            if (!OURS_ALREADY.contains(e.errorResponse().code())) {
                throw e;
            }
        }
    }

    @Override
    public SignedUrl uploadUrl(String key, long size) {
        return presign(Method.PUT, key, Map.of());
    }

    @Override
    public SignedUrl downloadUrl(String key) {
        return presign(Method.GET, key, DOWNLOAD_HEADERS);
    }

    private SignedUrl presign(Method method, String key, Map<String, String> query) {
        long expires = clock.millis() + ttlSeconds * 1000L;
        String url = S3Call.run("signing a URL", () -> signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(method).bucket(bucket).object(key).expiry(ttlSeconds).extraQueryParams(query).build()));
        return new SignedUrl(url, expires);
    }

    /** The size only: S3 knows no SHA-256 of a plain PUT, so {@link SharedFiles} hashes when one was declared. */
    @Override
    public Optional<Stat> stat(String key) {
        return S3Call.run("reading an object's size", () -> {
            try {
                return Optional.of(new Stat(client.statObject(StatObjectArgs.builder().bucket(bucket).object(key)
                        .build()).size(), ""));
            } catch (ErrorResponseException e) {
                if (MISSING.contains(e.errorResponse().code())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        return S3Call.run("reading an object", () -> {
            try {
                return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).offset(offset)
                        .length(length).build());
            } catch (ErrorResponseException e) {
                if (MISSING.contains(e.errorResponse().code())) {
                    throw ChatException.notFound("file");
                }
                throw e;
            }
        });
    }

    /**
     * Streams at most {@code max} bytes into a new object. The length is unknown, so the client sends it in
     * {@link #PART_SIZE} parts: one part at a time is held in memory, never the whole file.
     */
    @Override
    public long write(String key, InputStream in, long max) {
        LimitedInputStream limited = new LimitedInputStream(in, max, true);
        S3Call.run("storing an upload", () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(limited, -1, PART_SIZE).contentType(FileNames.DEFAULT_TYPE).build()));
        return limited.count();
    }

    @Override
    public void delete(String key) {
        try {
            S3Call.run("deleting an object", () -> {
                client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
                return null;
            });
        } catch (ChatException e) {
            // Left behind only takes space; the failure is logged by S3Call.
        }
    }

    @Override
    public void close() {
        try {
            signer.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "closing the URL signer failed", e);
        }
    }
}
