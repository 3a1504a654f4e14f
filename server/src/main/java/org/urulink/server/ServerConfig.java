package org.urulink.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the server needs to start, resolved once from file, environment and flags by {@link ConfigLoader}.
 *
 * @param host            address to bind
 * @param port            port to bind; 0 picks a free one
 * @param dataDir         where the SQLite database, signing key and files live
 * @param signingKeyFile  the HS256 key shared by every node; generated when missing
 * @param accessTokenTtl  lifetime of access tokens
 * @param refreshTokenTtl lifetime of a login (its refresh tokens)
 * @param maxBodyBytes    largest message body, in UTF-8 bytes
 * @param maxFrameBytes   largest WebSocket frame; bigger ones close the session with 1009
 * @param passwordHash    Argon2id cost
 * @param maxFileBytes    largest uploaded file
 * @param blobUrlTtl      lifetime of signed upload and download URLs
 */
public record ServerConfig(String host,
                           int port,
                           Path dataDir,
                           Path signingKeyFile,
                           Duration accessTokenTtl,
                           Duration refreshTokenTtl,
                           int maxBodyBytes,
                           int maxFrameBytes,
                           PasswordCost passwordHash,
                           long maxFileBytes,
                           Duration blobUrlTtl) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(signingKeyFile, "signingKeyFile");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(blobUrlTtl, "blobUrlTtl");
    }

    /** The embedded defaults with data in {@code dataDir}. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, dataDir, dataDir.resolve("signing.key"),
                Duration.ofMinutes(15), Duration.ofDays(30), 16 * 1024, 64 * 1024, PasswordCost.DEFAULT,
                100L * 1024 * 1024, Duration.ofMinutes(15));
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, signingKeyFile, accessTokenTtl, refreshTokenTtl,
                maxBodyBytes, maxFrameBytes, passwordHash, maxFileBytes, blobUrlTtl);
    }

    public ServerConfig withAccessTokenTtl(Duration ttl) {
        return new ServerConfig(host, port, dataDir, signingKeyFile, ttl, refreshTokenTtl,
                maxBodyBytes, maxFrameBytes, passwordHash, maxFileBytes, blobUrlTtl);
    }

    public ServerConfig withMaxFileBytes(long bytes) {
        return new ServerConfig(host, port, dataDir, signingKeyFile, accessTokenTtl, refreshTokenTtl,
                maxBodyBytes, maxFrameBytes, passwordHash, bytes, blobUrlTtl);
    }

    public ServerConfig withBlobUrlTtl(Duration ttl) {
        return new ServerConfig(host, port, dataDir, signingKeyFile, accessTokenTtl, refreshTokenTtl,
                maxBodyBytes, maxFrameBytes, passwordHash, maxFileBytes, ttl);
    }

    /** "embedded" while every backend is in-process; "cluster" once shared backends are configured. */
    public String mode() {
        return "embedded";
    }

    /** Argon2id parameters: memory in KiB, iterations, parallelism. */
    public record PasswordCost(int memoryKib, int iterations, int parallelism) {
        /** OWASP's minimum for Argon2id: m=19 MiB, t=2, p=1. */
        public static final PasswordCost DEFAULT = new PasswordCost(19 * 1024, 2, 1);
    }
}
