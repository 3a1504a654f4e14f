package org.urulink.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.urulink.protocol.Json;

/**
 * Credentials in a JSON file, by default {@code $XDG_CONFIG_HOME/urulink/credentials.json}. The file holds
 * live tokens, so it is created with mode 0600 (never world-readable, not even for a moment) and replaced
 * atomically: a crash mid-write leaves the old login intact.
 */
public final class CredentialsFile implements TokenStore {
    static final String FILE_NAME = "credentials.json";

    private final Path file;

    public CredentialsFile(Path file) {
        this.file = file;
    }

    /** {@code $XDG_CONFIG_HOME/urulink}, else {@code ~/.config/urulink}, from the given environment. */
    public static Path defaultConfigDir(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("urulink");
    }

    /** The credentials file inside a config directory. */
    public static CredentialsFile in(Path configDir) {
        return new CredentialsFile(configDir.resolve(FILE_NAME));
    }

    public Path path() {
        return file;
    }

    @Override
    public Optional<Credentials> load() {
        try {
            return Optional.of(Json.mapper().readValue(Files.readString(file), Credentials.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw new NotLoggedInException("the credentials file " + file + " is damaged; log in again");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void save(Credentials credentials) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir, privateDir());
            Path tmp = Files.createTempFile(dir, ".credentials", ".tmp", privateFile());
            try {
                Files.writeString(tmp, Json.mapper().writeValueAsString(credentials));
                move(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /**
     * Holds an OS lock on {@code credentials.json.lock} while {@code work} runs, so concurrent {@code urulink}
     * processes refresh one at a time and each sees the pair the previous one saved.
     */
    @Override
    public <T> T exclusively(Supplier<T> work) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir, privateDir());
            Path lockFile = dir.resolve(file.getFileName() + ".lock");
            try (FileChannel channel = openLockFile(lockFile)) {
                FileLock lock = lock(channel);
                try {
                    return work.get();
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private static FileChannel openLockFile(Path lockFile) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return posix() ? FileChannel.open(lockFile, options, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))) : FileChannel.open(lockFile, options);
    }

    /** The OS lock; within one JVM (tests, a UI with two sessions) a held lock is waited for here. */
    private static FileLock lock(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the credentials lock stayed taken for 30 s", e);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the credentials lock", ie);
                }
            }
        }
    }

    private void move(Path tmp) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] privateFile() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] privateDir() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------"))} : new FileAttribute<?>[0];
    }
}
