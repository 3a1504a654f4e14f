package org.urulink.server;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.messages.Item;

/**
 * Checks an S3-compatible store: that it answers, takes the keys, and lets them write to the bucket (a probe object
 * put and deleted). Its own client with short timeouts, path-style like the server's.
 */
final class S3Check {
    private static final String NAME = "S3";
    private static final String BUCKET = "S3 bucket";
    private static final Set<String> BAD_KEYS = Set.of("SignatureDoesNotMatch", "InvalidAccessKeyId",
            "InvalidToken", "InvalidSecurity");

    private S3Check() {
    }

    /** The store answers and accepts the keys; the bucket need not exist yet. */
    static Check connect(Backends.S3 s3) {
        String shown = s3.endpoint() + " with key " + s3.accessKey();
        MinioClient client = client(s3);
        try {
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(s3.bucket()).maxKeys(1).build())) {
                r.get();
                break;
            }
            return Check.passed(NAME, shown + ": keys accepted, bucket " + s3.bucket() + " exists");
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchBucket".equals(code)) {
                return Check.passed(NAME, shown + ": keys accepted, bucket " + s3.bucket() + " does not exist yet");
            }
            if ("AccessDenied".equals(code)) {
                return Check.passed(NAME, shown + ": keys accepted (they may not list bucket " + s3.bucket() + ")");
            }
            return refused(e, s3, shown);
        } catch (Exception e) {
            return failure(NAME, e, s3, shown);
        } finally {
            close(client);
        }
    }

    /** Makes the bucket when it is missing and {@code create} is set, then puts and deletes a probe object. */
    static Check writable(Backends.S3 s3, boolean create) {
        String bucket = s3.bucket();
        String shown = s3.endpoint() + "/" + bucket;
        boolean created = false;
        MinioClient client = client(s3);
        try {
            if (!exists(client, bucket)) {
                if (!create) {
                    return Check.failed(BUCKET, shown + ": bucket " + bucket + " does not exist",
                            "run urulink setup, which creates it, or create it yourself (mc mb ALIAS/" + bucket + ")");
                }
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).region(s3.region()).build());
                created = true;
            }
            String probe = ".urulink-probe-" + UUID.randomUUID();
            byte[] bytes = "urulink setup probe\n".getBytes(StandardCharsets.US_ASCII);
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(probe)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(probe).build());
            return Check.passed(BUCKET, shown + (created ? ": created; " : ": ")
                    + "writable (a probe object was put and deleted)");
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("AccessDenied".equals(code)) {
                return Check.failed(BUCKET, shown + ": not writable with key " + s3.accessKey() + " (AccessDenied)",
                        "allow the key s3:PutObject, s3:GetObject and s3:DeleteObject on " + bucket + "/*"
                                + (created ? "" : " and s3:CreateBucket when the bucket is to be made"));
            }
            return refused(e, s3, shown);
        } catch (Exception e) {
            return failure(BUCKET, e, s3, shown);
        } finally {
            close(client);
        }
    }

    private static void close(MinioClient client) {
        try {
            client.close();
        } catch (Exception e) {
            // nothing to check is lost when a probe client does not close cleanly
        }
    }

    private static boolean exists(MinioClient client, String bucket) throws Exception {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (ErrorResponseException e) {
            if ("AccessDenied".equals(e.errorResponse().code())) {
                return true; // may not look, may still write: the probe below tells
            }
            throw e;
        }
    }

    private static Check refused(ErrorResponseException e, Backends.S3 s3, String shown) {
        String code = e.errorResponse().code();
        String said = BackendChecks.mask(code + ": " + e.errorResponse().message(), s3.secretKey());
        if (BAD_KEYS.contains(code)) {
            return Check.failed(NAME, shown + ": authentication failed (" + said + ")",
                    "correct s3-access-key and s3-secret-key");
        }
        if ("AuthorizationHeaderMalformed".equals(code)) {
            return Check.failed(NAME, shown + ": wrong region (" + said + ")", "set s3-region to the region the "
                    + "store names");
        }
        return Check.failed(NAME, shown + ": the store refused (" + said + ")",
                "check s3-endpoint, the keys, s3-bucket and s3-region");
    }

    private static Check failure(String name, Exception e, Backends.S3 s3, String shown) {
        int port = s3.endpoint().getPort() > 0 ? s3.endpoint().getPort()
                : "https".equals(s3.endpoint().getScheme()) ? 443 : 80;
        String where = s3.endpoint().getHost() + ":" + port;
        if (e instanceof InvalidResponseException) {
            return Check.failed(name, shown + ": something that is not S3 answers at " + s3.endpoint(),
                    "correct s3-endpoint (MinIO listens on 9000 by default)");
        }
        return Unreachable.of(e, "the S3 store", where, "s3-endpoint")
                .map(u -> Check.failed(name, shown + ": cannot reach " + where + " (" + u.reason() + ")", u.fix()))
                .orElseGet(() -> Check.failed(name, shown + ": " + BackendChecks.mask(String.valueOf(e.getMessage()),
                        s3.secretKey()), "check s3-endpoint, the keys, s3-bucket and s3-region"));
    }

    private static MinioClient client(Backends.S3 s3) {
        MinioClient client = MinioClient.builder()
                .endpoint(s3.endpoint().toString())
                .region(s3.region())
                .credentials(s3.accessKey(), s3.secretKey())
                .build();
        client.disableVirtualStyleEndpoint();
        long ms = BackendChecks.TIMEOUT.toMillis();
        client.setTimeout(ms, 2 * ms, 2 * ms);
        return client;
    }
}
