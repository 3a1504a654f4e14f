package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other users of the machine cannot read what a real server keeps in its data directory: what it makes there is
 * its owner's alone, whatever the umask (the build's is the usual 022, which would give 0755 and 0644).
 */
class DataDirPermissionsIT {
    @TempDir
    Path dir;

    @Test
    void aFreshDataDirectoryAndItsDatabaseAreTheOwnersAlone() throws IOException {
        Path data = dir.resolve("srv/urulink");
        try (LogCapture logs = LogCapture.everything(); TestServer server = new TestServer(data)) {
            assertEquals("rwx------", mode(data));
            assertEquals("rw-------", mode(data.resolve("urulink.db")));
            // WAL mode: both exist while the server has the database open.
            assertEquals("rw-------", mode(data.resolve("urulink.db-wal")));
            assertEquals("rw-------", mode(data.resolve("urulink.db-shm")));
            assertEquals("rwx------", mode(data.resolve("files")));
            assertEquals("rw-------", mode(data.resolve("signing.key")));
            assertEquals(List.of(), warnings(logs, data));
        }
    }

    @Test
    void anOpenDataDirectoryIsLeftAsItIsButNamedInOneWarningWithTheFix() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (LogCapture logs = LogCapture.everything(); TestServer server = new TestServer(data)) {
            assertEquals("rwxr-xr-x", mode(data));
            assertEquals("rw-------", mode(data.resolve("urulink.db")), "the database it made is private still");
            List<String> warned = warnings(logs, data);
            assertEquals(1, warned.size(), warned.toString());
            assertTrue(warned.get(0).contains("chmod 700 " + data), warned.get(0));
        }
    }

    @Test
    void theFilesDirectoryOfTheLocalBlobStoreIsPrivate() throws IOException {
        Path files = dir.resolve("elsewhere/files");
        new LocalBlobStore(files, new byte[32], Duration.ofMinutes(1), Clock.systemUTC());
        assertEquals("rwx------", mode(files));
        assertEquals("rwx------", mode(files.getParent()), "the data directory it made for them");
    }

    @Test
    void theDataDirectorySetupMakesIsPrivate() throws IOException {
        Path data = dir.resolve("setup/urulink");
        assertTrue(BackendChecks.dataDir(data, true).ok());
        assertEquals("rwx------", mode(data));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** Warnings that name the data directory. */
    private static List<String> warnings(LogCapture logs, Path data) {
        return logs.entries().stream().filter(e -> e.level() == Level.WARNING && e.text().contains(data.toString()))
                .map(LogCapture.Entry::text).toList();
    }
}
