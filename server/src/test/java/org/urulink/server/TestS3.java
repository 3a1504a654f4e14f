package org.urulink.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 endpoint for tests: S3Proxy in this JVM (in-memory, SigV4, on a free port of 127.0.0.1), or the MinIO
 * named by {@code URULINK_TEST_S3_URL} (or {@code URULINK_TEST_S3_ENDPOINT}), {@code URULINK_TEST_S3_ACCESS_KEY} and {@code URULINK_TEST_S3_SECRET_KEY}.
 * Each {@link #bucket()} is new; closing deletes them with their objects.
 */
final class TestS3 implements AutoCloseable {
    private static final String REGION = "us-east-1";

    private final Optional<S3Proxy> proxy;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final MinioClient admin;
    private final List<String> buckets = new ArrayList<>();

    private TestS3(Optional<S3Proxy> proxy, URI endpoint, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.admin = S3Clients.open(s3(endpoint, "unused"));
    }

    static TestS3 start() {
        String real = System.getenv().getOrDefault("URULINK_TEST_S3_URL", System.getenv("URULINK_TEST_S3_ENDPOINT"));
        if (real != null && !real.isBlank()) {
            return new TestS3(Optional.empty(), URI.create(real), System.getenv("URULINK_TEST_S3_ACCESS_KEY"),
                    System.getenv("URULINK_TEST_S3_SECRET_KEY"));
        }
        String access = "test-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = UUID.randomUUID().toString();
        BlobStoreContext memory = ContextBuilder.newBuilder("transient").credentials(access, secret)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(memory.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, access, secret)
                .build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        return new TestS3(Optional.of(proxy), URI.create("http://127.0.0.1:" + proxy.getPort()), access, secret);
    }

    /** True when the tests run against S3Proxy, whose address can be written more than one way. */
    boolean inProcess() {
        return proxy.isPresent();
    }

    URI endpoint() {
        return endpoint;
    }

    /** A fresh bucket name; the server under test creates the bucket. */
    String bucket() {
        String name = "urulink-test-" + UUID.randomUUID().toString().substring(0, 12);
        buckets.add(name);
        return name;
    }

    /** The settings of a server using {@code bucket} here, reached and signed for at {@link #endpoint()}. */
    Backends.S3 s3(String bucket) {
        return s3(endpoint, bucket);
    }

    /** As {@link #s3(String)}, but the server reaches the store at {@code inner}; URLs still name the endpoint. */
    Backends.S3 s3(URI inner, String bucket) {
        return new Backends.S3(inner, endpoint, accessKey, secretKey, bucket, REGION);
    }

    /** The keys of the objects in {@code bucket}, read with the test's own client. */
    List<String> objects(String bucket) {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> r : admin.listObjects(ListObjectsArgs.builder().bucket(bucket).build())) {
                keys.add(r.get().objectName());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }

    @Override
    public void close() {
        try {
            for (String bucket : buckets) {
                removeQuietly(bucket);
            }
            admin.close();
            if (proxy.isPresent()) {
                proxy.get().stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void removeQuietly(String bucket) {
        try {
            for (String key : objects(bucket)) {
                admin.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            }
            admin.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            // A bucket no test created (the server never started) is not there to remove.
        }
    }
}
