package org.urulink.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;

import org.urulink.protocol.Json;

/**
 * {@code bench-accounts.json} in the config directory (mode 0600): per server, the bench users' password (random,
 * made on first use, so bench accounts never have a published one) and each user's current refresh token. A later
 * run refreshes instead of logging in, which spares the server ~0.2 s of Argon2id per user.
 */
final class BenchAccountsFile {
    /** What is kept for one server. */
    record Server(String password, Map<String, String> refreshTokens) {
    }

    private final Path file;

    BenchAccountsFile(Path configDir) {
        this.file = configDir.resolve("bench-accounts.json");
    }

    Path path() {
        return file;
    }

    /** The entry for {@code server}, with a new random password when there is none yet. */
    synchronized Server load(String server) {
        Server s = all().get(server);
        if (s != null) {
            return new Server(s.password(), new TreeMap<>(s.refreshTokens()));
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return new Server("bench-" + HexFormat.of().formatHex(random), new TreeMap<>());
    }

    synchronized void save(String server, Server entry) {
        Map<String, Server> all = all();
        all.put(server, entry);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = posix()
                    ? Files.createTempFile(dir, ".bench-accounts", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".bench-accounts", ".tmp");
            try {
                Files.writeString(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(all));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Map<String, Server> all() {
        try {
            return new TreeMap<>(Json.mapper().readValue(Files.readString(file), new TypeReference<Map<String, Server>>() {
            }));
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (delete it to start afresh: the bench users"
                    + " on the server then need another --prefix)", e);
        }
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
