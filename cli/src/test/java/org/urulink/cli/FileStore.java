package org.urulink.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.urulink.server.Backends;
import org.urulink.server.ServerConfig;

/**
 * Where a test server keeps file bytes: its data directory, or a real S3 endpoint — S3Proxy in this JVM over a
 * temporary directory, or the MinIO named by URULINK_TEST_S3_URL (or _ENDPOINT), _ACCESS_KEY and _SECRET_KEY.
 */
enum FileStore {
    LOCAL, S3;

    /** The config for a server whose files are in this store; closes with the returned handle. */
    Handle configure(ServerConfig config, Path scratch) {
        if (this == LOCAL) {
            return new Handle(config, () -> { });
        }
        String real = System.getenv().getOrDefault("URULINK_TEST_S3_URL", System.getenv("URULINK_TEST_S3_ENDPOINT"));
        String bucket = "urulink-cli-" + UUID.randomUUID().toString().substring(0, 12);
        if (real != null && !real.isBlank()) {
            URI endpoint = URI.create(real);
            return new Handle(withS3(config, endpoint, System.getenv("URULINK_TEST_S3_ACCESS_KEY"),
                    System.getenv("URULINK_TEST_S3_SECRET_KEY"), bucket), () -> { });
        }
        String access = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = UUID.randomUUID().toString();
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", scratch.toString());
        BlobStoreContext disk = ContextBuilder.newBuilder("filesystem").credentials(access, secret).overrides(props)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(disk.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, access, secret).build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        return new Handle(withS3(config, endpoint, access, secret, bucket), () -> {
            try {
                proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            disk.close();
        });
    }

    private static ServerConfig withS3(ServerConfig config, URI endpoint, String access, String secret, String bucket) {
        return config.with(b -> b.backends(config.backends().withS3(
                new Backends.S3(endpoint, endpoint, access, secret, bucket, "us-east-1"))));
    }

    /** A configured server config and what to stop when the test is done. */
    record Handle(ServerConfig config, Runnable stop) implements AutoCloseable {
        @Override
        public void close() {
            stop.run();
        }
    }
}
