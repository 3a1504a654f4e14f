package org.urulink.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything the server needs to start, resolved once from file, environment and flags by {@link ConfigLoader}.
 * Change one with {@link #with(Consumer)}: {@code config.with(b -> b.port(0))}.
 *
 * @param host            address to bind
 * @param port            port to bind; 0 picks a free one
 * @param dataDir         where the SQLite database, signing key and files live
 * @param signingKeyFile  the HS256 key shared by every node; generated when missing
 * @param accessTokenTtl  lifetime of access tokens
 * @param refreshTokenTtl how long a login (its refresh tokens) lasts unused; each refresh starts it again
 * @param maxBodyBytes    largest message body, in UTF-8 bytes
 * @param maxFrameBytes   largest WebSocket frame; bigger ones close the session with 1009
 * @param passwordHash    Argon2id cost
 * @param maxFileBytes    largest uploaded file
 * @param blobUrlTtl      lifetime of signed upload and download URLs
 * @param fileTypes       content types a file may have ({@code image/*} matches a family); empty allows any
 * @param backends        the shared backends; all empty means the embedded default
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
                           Duration blobUrlTtl,
                           List<String> fileTypes,
                           Backends backends) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(signingKeyFile, "signingKeyFile");
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(blobUrlTtl, "blobUrlTtl");
        fileTypes = List.copyOf(fileTypes);
        Objects.requireNonNull(backends, "backends");
    }

    /** The embedded defaults with data in {@code dataDir}. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, dataDir, dataDir.resolve("signing.key"),
                Duration.ofMinutes(15), Duration.ofDays(30), 16 * 1024, 64 * 1024, PasswordCost.DEFAULT,
                100L * 1024 * 1024, Duration.ofMinutes(15), List.of(), Backends.EMBEDDED);
    }

    /** A copy with the changes {@code change} makes to a builder holding this config's values. */
    public ServerConfig with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    public ServerConfig withPort(int newPort) {
        return with(b -> b.port(newPort));
    }

    public ServerConfig withAccessTokenTtl(Duration ttl) {
        return with(b -> b.accessTokenTtl(ttl));
    }

    public ServerConfig withMaxFileBytes(long bytes) {
        return with(b -> b.maxFileBytes(bytes));
    }

    public ServerConfig withBlobUrlTtl(Duration ttl) {
        return with(b -> b.blobUrlTtl(ttl));
    }

    /** "embedded" while every backend is in-process; "cluster" once shared backends are configured. */
    public String mode() {
        return backends.embedded() ? "embedded" : "cluster";
    }

    /** Argon2id parameters: memory in KiB, iterations, parallelism. */
    public record PasswordCost(int memoryKib, int iterations, int parallelism) {
        /** OWASP's minimum for Argon2id: m=19 MiB, t=2, p=1. */
        public static final PasswordCost DEFAULT = new PasswordCost(19 * 1024, 2, 1);
    }

    /** A mutable copy of a config, for {@link #with(Consumer)}. */
    public static final class Builder {
        private String host;
        private int port;
        private Path dataDir;
        private Path signingKeyFile;
        private Duration accessTokenTtl;
        private Duration refreshTokenTtl;
        private int maxBodyBytes;
        private int maxFrameBytes;
        private PasswordCost passwordHash;
        private long maxFileBytes;
        private Duration blobUrlTtl;
        private List<String> fileTypes;
        private Backends backends;

        private Builder(ServerConfig c) {
            host = c.host;
            port = c.port;
            dataDir = c.dataDir;
            signingKeyFile = c.signingKeyFile;
            accessTokenTtl = c.accessTokenTtl;
            refreshTokenTtl = c.refreshTokenTtl;
            maxBodyBytes = c.maxBodyBytes;
            maxFrameBytes = c.maxFrameBytes;
            passwordHash = c.passwordHash;
            maxFileBytes = c.maxFileBytes;
            blobUrlTtl = c.blobUrlTtl;
            fileTypes = c.fileTypes;
            backends = c.backends;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder signingKeyFile(Path v) { signingKeyFile = v; return this; }
        public Builder accessTokenTtl(Duration v) { accessTokenTtl = v; return this; }
        public Builder refreshTokenTtl(Duration v) { refreshTokenTtl = v; return this; }
        public Builder maxBodyBytes(int v) { maxBodyBytes = v; return this; }
        public Builder maxFrameBytes(int v) { maxFrameBytes = v; return this; }
        public Builder passwordHash(PasswordCost v) { passwordHash = v; return this; }
        public Builder maxFileBytes(long v) { maxFileBytes = v; return this; }
        public Builder blobUrlTtl(Duration v) { blobUrlTtl = v; return this; }
        public Builder fileTypes(List<String> v) { fileTypes = v; return this; }
        public Builder backends(Backends v) { backends = v; return this; }

        public ServerConfig build() {
            return new ServerConfig(host, port, dataDir, signingKeyFile, accessTokenTtl, refreshTokenTtl,
                    maxBodyBytes, maxFrameBytes, passwordHash, maxFileBytes, blobUrlTtl, fileTypes, backends);
        }
    }
}
