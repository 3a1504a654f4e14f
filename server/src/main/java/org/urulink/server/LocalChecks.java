package org.urulink.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checks on this machine: the listening port, the data directory, the signing key. */
final class LocalChecks {
    private LocalChecks() {
    }

    static Check port(String host, int port) {
        String where = host + ":" + port;
        if (port == 0) {
            return Check.passed("port", "port 0: a free port is picked at start");
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return Check.passed("port", where + " is free");
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            // Taken by this very server is the healthy case for a doctor run on a live node.
            if (urulinkAnswers(host, port)) {
                return Check.passed("port", where + " is served by a running urulink");
            }
            return Check.failed("port", where + " cannot be listened on (" + e.getMessage() + ")",
                    "stop what listens there, or choose another port or host in the config");
        }
    }

    /** Whether a urulink server answers /health on that address (its answer names a mode). */
    private static boolean urulinkAnswers(String host, int port) {
        String target = "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
        try {
            var http = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(2)).build();
            var res = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://" + target + ":" + port + "/health"))
                    .timeout(java.time.Duration.ofSeconds(2)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return res.body().contains("\"mode\"");
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Check dataDir(Path dir, boolean create) {
        String name = "data directory";
        if (Files.isDirectory(dir)) {
            return Files.isWritable(dir) ? Check.passed(name, dir + " is writable")
                    : Check.failed(name, dir + " is not writable by this user",
                            "give this user the directory (chown), or choose another data-dir");
        }
        if (Files.exists(dir)) {
            return Check.failed(name, dir + " exists and is not a directory", "choose another data-dir");
        }
        if (!create) {
            Path parent = dir.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            return parent != null && Files.isWritable(parent)
                    ? Check.passed(name, dir + " does not exist yet (setup or the first start makes it)")
                    : Check.failed(name, dir + " does not exist and cannot be made by this user",
                            "make it and give it to this user, or choose another data-dir");
        }
        try {
            PrivateFiles.createDirectory(dir);
            return Check.passed(name, dir + " created (mode 0700)");
        } catch (IOException e) {
            return Check.failed(name, "cannot create " + dir + " (" + e.getMessage() + ")",
                    "make it and give it to this user, or choose another data-dir");
        }
    }

    /**
     * @param create generate the key when there is none
     * @param shared nodes share it, so a missing key is a failure (each node would make its own)
     */
    static Check signingKey(Path file, boolean create, boolean shared) {
        String name = "signing key";
        if (Files.exists(file)) {
            try {
                SigningKey.read(file);
                return Check.passed(name, file + " holds a valid key" + (create ? "; kept it" : ""));
            } catch (IOException | IllegalStateException e) {
                return Check.failed(name, file + " is not a usable key (" + e.getMessage() + ")",
                        "move it away to generate a new one: every login then ends, and every node needs the new "
                                + "file; or point signing-key-file at the key the other nodes use");
            }
        }
        if (!create) {
            return shared ? Check.failed(name, "no key at " + file,
                    "copy the key file from a node that has one to " + file + " (or point signing-key-file at "
                            + "shared storage); a node that makes its own key rejects the others' logins")
                    : Check.passed(name, "no key at " + file + " yet; the server generates it at first start");
        }
        try {
            SigningKey.loadOrCreate(file);
            return Check.passed(name, file + " generated (mode 0600)");
        } catch (UncheckedIOException | IllegalStateException e) {
            return Check.failed(name, "cannot create " + file + " (" + e.getMessage()
                            + (e.getCause() != null ? ": " + e.getCause().getMessage() : "") + ")",
                    "make its directory writable by this user, or choose another signing-key-file");
        }
    }

    /**
     * A database made before new ones got 1 KiB pages: it works, but writes four times the log per message, and
     * its checkpoint pauses are the latency tail under load. Read from the file's header (bytes 16 - 17, big
     * endian), so a running server's locks are no matter.
     */
    static Check sqlitePages(Path dataDir) {
        String name = "database pages";
        Path db = dataDir.resolve(SqliteDatabase.FILE_NAME);
        if (!Files.isRegularFile(db)) {
            return Check.passed(name, "no database yet: it is made with " + SqliteDatabase.PAGE_BYTES + "-byte pages");
        }
        int size;
        try (var in = Files.newInputStream(db)) {
            byte[] header = in.readNBytes(18);
            if (header.length < 18) {
                return Check.passed(name, db + " is empty: it gets " + SqliteDatabase.PAGE_BYTES + "-byte pages");
            }
            size = (header[16] & 0xff) << 8 | header[17] & 0xff;
        } catch (IOException e) {
            return Check.failed(name, "cannot read " + db + " (" + e.getMessage() + ")",
                    "give this user the data directory and its files");
        }
        if (size <= SqliteDatabase.PAGE_BYTES) {
            return Check.passed(name, db + " has " + size + "-byte pages");
        }
        return Check.warning(name, db + " has " + (size == 1 ? 65536 : size) + "-byte pages (made by an older "
                + "urulink): four times the log per message and longer pauses under load",
                "stop the server, then: sqlite3 " + db + " 'PRAGMA journal_mode=DELETE; PRAGMA page_size="
                        + SqliteDatabase.PAGE_BYTES + "; VACUUM; PRAGMA journal_mode=WAL;'");
    }
}
