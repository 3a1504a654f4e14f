package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Abandoned uploads are removed, rows and bytes, once their window closes; completed files never are. */
class UploadSweepTest {
    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();
    private HikariDataSource ds;
    private JdbcStore store;
    private LocalBlobStore blobs;
    private SharedFiles files;
    private User owner;
    private String conversationId;

    @BeforeEach
    void setUp() {
        ds = SqliteDatabase.open(dir);
        store = new JdbcStore(ds, new WalSync(SqliteDatabase.file(dir)), batch -> { }, () -> { });
        blobs = new LocalBlobStore(dir.resolve("files"), new byte[32], Duration.ofMinutes(15), clock);
        Conversations conversations = new Conversations(store, new Directory(store), new LocalBus(new LocalSessions()),
                clock);
        files = new SharedFiles(store, conversations, blobs, 1024 * 1024, FileTypes.ANY, clock);
        owner = new User(UUID.randomUUID().toString(), "owner", "Owner", "x", clock.millis());
        store.insertUser(owner);
        conversationId = store.createGroup("files", List.of(owner.id()), clock.millis()).id();
    }

    @AfterEach
    void tearDown() {
        store.close();
        ds.close();
    }

    @Test
    void anUploadNeverCompletedIsRemovedWithItsBytesAfterTheWindow() {
        StoredFile pending = uploaded("abandoned.bin");
        clock.advance(SharedFiles.UPLOAD_WINDOW.plusMinutes(1));
        assertEquals(1, files.sweep());
        assertTrue(store.file(pending.id()).isEmpty(), "the row is gone");
        assertTrue(blobs.stat(pending.blobKey()).isEmpty(), "the bytes are gone");
    }

    @Test
    void anUploadStillInsideItsWindowIsKept() {
        StoredFile pending = uploaded("in-progress.bin");
        clock.advance(SharedFiles.UPLOAD_WINDOW.minusMinutes(1));
        assertEquals(0, files.sweep());
        assertTrue(store.file(pending.id()).isPresent());
    }

    @Test
    void aCompletedFileIsNeverSwept() {
        StoredFile done = uploaded("kept.bin");
        files.complete(owner, done.id());
        clock.advance(SharedFiles.UPLOAD_WINDOW.multipliedBy(3));
        assertEquals(0, files.sweep());
        assertTrue(blobs.stat(done.blobKey()).isPresent());
    }

    @Test
    void completingAfterTheWindowIsRefused() {
        StoredFile late = uploaded("late.bin");
        clock.advance(SharedFiles.UPLOAD_WINDOW.plusMinutes(1));
        assertThrows(ChatException.class, () -> files.complete(owner, late.id()));
    }

    private StoredFile uploaded(String name) {
        byte[] bytes = name.getBytes();
        var created = files.create(owner, new HttpRequests.NewFile(name, (long) bytes.length, "application/octet-stream",
                null, conversationId));
        blobs.receive(created.file().blobKey(), bytes.length, new ByteArrayInputStream(bytes));
        return created.file();
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
