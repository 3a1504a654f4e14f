package org.urulink.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.urulink.protocol.ErrorCode;

/**
 * The embedded blob store: one file per object under {@code <data-dir>/files/}. Its signed URLs point at this
 * server's {@code /blobs/{key}} ({@link BlobRoutes}).
 */
final class LocalBlobStore implements BlobStore {
    /** 32 random bytes, base64url: the only names ever used on disk, so no client text reaches a path. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Path dir;
    private final byte[] urlKey;
    private final Duration ttl;
    private final Clock clock;

    /** {@code urlKey} signs the URLs; it must be derived for this purpose, not the token signing key itself. */
    LocalBlobStore(Path dir, byte[] urlKey, Duration ttl, Clock clock) {
        this.dir = dir;
        this.urlKey = urlKey.clone();
        this.ttl = ttl;
        this.clock = clock;
        try {
            // The data directory too when nothing made it yet: both are private, the files are the users' own.
            PrivateFiles.createDirectory(dir.toAbsolutePath().getParent());
            PrivateFiles.createDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the files directory " + dir, e);
        }
    }

    @Override
    public SignedUrl uploadUrl(String key, long size) {
        long expires = clock.millis() + ttl.toMillis();
        String sig = Hmac.sign(urlKey, signed("PUT", key, expires, size));
        return new SignedUrl("/blobs/" + key + "?expires=" + expires + "&max=" + size + "&sig=" + sig, expires);
    }

    @Override
    public SignedUrl downloadUrl(String key) {
        long expires = clock.millis() + ttl.toMillis();
        String sig = Hmac.sign(urlKey, signed("GET", key, expires, -1));
        return new SignedUrl("/blobs/" + key + "?expires=" + expires + "&sig=" + sig, expires);
    }

    /** Refuses (403) a URL this store did not sign for {@code method}, or one past its expiry. */
    void check(String method, String key, long expires, long max, String sig) {
        if (!KEY.matcher(key).matches() || !Hmac.verify(urlKey, signed(method, key, expires, max), sig)) {
            throw new ChatException(ErrorCode.FORBIDDEN, "this link is not valid");
        }
        if (clock.millis() > expires) {
            throw new ChatException(ErrorCode.FORBIDDEN, "this link has expired; ask for a new one");
        }
    }

    private static String signed(String method, String key, long expires, long max) {
        return method + "\n" + key + "\n" + expires + "\n" + max;
    }

    /**
     * Stores at most {@code max} bytes from {@code in}: into a temporary file first, linked into place only when
     * complete, so a broken upload never leaves a half object. An object is written once: the link fails when it
     * exists, atomically, so two racing uploads cannot replace each other's bytes.
     */
    long receive(String key, long max, InputStream in) {
        Path target = path(key);
        if (Files.exists(target)) {
            throw ChatException.invalid("this file was uploaded already");
        }
        Path part = dir.resolve(key + ".part-" + newKey());
        try {
            long size = Files.copy(new LimitedInputStream(in, max, true), part);
            Files.createLink(target, part);
            return size;
        } catch (LimitedInputStream.TooLong e) {
            throw new ChatException(ErrorCode.TOO_LARGE, "the upload is longer than the " + max + " bytes declared");
        } catch (FileAlreadyExistsException e) {
            throw ChatException.invalid("this file was uploaded already");
        } catch (IOException e) {
            throw new UncheckedIOException("storing an upload failed", e);
        } finally {
            deleteQuietly(part);
        }
    }

    /** The object's size, without reading it. */
    Optional<Long> size(String key) {
        Path file = path(key);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.size(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading an object's size failed", e);
        }
    }

    /** The size only; hashing is left to the caller, who reads the object only when a digest was declared. */
    @Override
    public Optional<Stat> stat(String key) {
        return size(key).map(size -> new Stat(size, ""));
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        try {
            InputStream in = Files.newInputStream(path(key));
            in.skipNBytes(offset);
            return new LimitedInputStream(in, length, false);
        } catch (IOException e) {
            throw new UncheckedIOException("opening an object failed", e);
        }
    }

    @Override
    public long write(String key, InputStream in, long max) {
        return receive(key, max, in);
    }

    @Override
    public void delete(String key) {
        deleteQuietly(path(key));
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw ChatException.notFound("file");
        }
        return dir.resolve(key);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind only takes disk space; the sweep of abandoned uploads removes it.
        }
    }
}
