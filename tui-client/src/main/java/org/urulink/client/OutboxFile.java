package org.urulink.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.type.TypeReference;

import org.urulink.protocol.Json;

/**
 * Messages typed in the chat that the server has not acked yet, on disk: a crash or a quit while offline loses
 * none of them, and the next start sends them with their original {@code client_id} (the server stores each
 * once). Every change is read-modify-write under an OS lock and lands with an atomic rename after an fsync, so
 * two chats of one user never drop each other's messages. The file is private (0600): it holds message text.
 */
final class OutboxFile {
    private static final TypeReference<List<PendingMessage>> LIST = new TypeReference<>() {
    };

    private final Path file;

    OutboxFile(Path file) {
        this.file = file;
    }

    /**
     * {@code $XDG_DATA_HOME/urulink/chat/<user>@<host>_<port>/outbox.json} (else under
     * {@code ~/.local/share}): one per login, so another account never sends what this one typed.
     */
    static OutboxFile forAccount(Map<String, String> env, Path home, URI server, String username) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : home.resolve(".local/share");
        int port = server.getPort() > 0 ? server.getPort() : "https".equals(server.getScheme()) ? 443 : 80;
        String account = (username + "@" + server.getHost() + "_" + port).replaceAll("[^A-Za-z0-9._@-]", "_");
        return new OutboxFile(base.resolve("urulink").resolve("chat").resolve(account).resolve("outbox.json"));
    }

    Path path() {
        return file;
    }

    synchronized List<PendingMessage> load() {
        return change(UnaryOperator.identity());
    }

    synchronized void add(PendingMessage message) {
        change(all -> {
            all.removeIf(p -> p.clientId().equals(message.clientId()));
            all.add(message);
            return all;
        });
    }

    synchronized void remove(String clientId) {
        change(all -> {
            all.removeIf(p -> p.clientId().equals(clientId));
            return all;
        });
    }

    private List<PendingMessage> change(UnaryOperator<List<PendingMessage>> edit) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            try (FileChannel lockFile = FileChannel.open(dir.resolve("outbox.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lock(lockFile)) {
                List<PendingMessage> before = read();
                List<PendingMessage> after = edit.apply(new ArrayList<>(before));
                if (!after.equals(before)) {
                    write(dir, after);
                }
                return List.copyOf(after);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep unsent messages in " + file, e);
        }
    }

    private List<PendingMessage> read() throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.isBlank() ? List.of() : Json.mapper().readValue(text, LIST);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private void write(Path dir, List<PendingMessage> all) throws IOException {
        Path tmp = Files.createTempFile(dir, ".outbox", ".tmp");
        try {
            restrict(tmp, "rw-------");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(java.nio.ByteBuffer.wrap(Json.mapper().writeValueAsBytes(all)));
                out.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Another {@code OutboxFile} of this JVM holding the lock is waited for, like another process. */
    private static FileLock lock(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the outbox lock stayed taken for 10 s", e);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the outbox lock", ie);
                }
            }
        }
    }

    private static void restrict(Path path, String mode) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        }
    }
}
