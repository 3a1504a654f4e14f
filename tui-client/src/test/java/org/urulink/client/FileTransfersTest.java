package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.protocol.Attachment;
import org.urulink.protocol.ConversationInfo;

/** Uploads and downloads against a real server whose local blob store serves the signed URLs itself. */
class FileTransfersTest {
    static final long LIMIT = 8L * 1024 * 1024;

    @TempDir
    static Path data;
    static TestServer server;
    static Session alice;
    static Session bob;
    static Session carol;
    static String aliceAndBob;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.withMaxFileBytes(data, LIMIT);
        alice = server.user("alice");
        bob = server.user("bob");
        carol = server.user("carol");
        aliceAndBob = ApiClient.of(alice).direct("bob").id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Path randomFile(Path dir, String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    /** Alice uploads {@code file} and shares it with Bob. */
    static Attachment shareWithBob(Path file) {
        Attachment a = new FileTransfers(ApiClient.of(alice)).upload(file, aliceAndBob, TransferListener.NONE);
        ApiClient.of(alice).sendToConversation(UUID.randomUUID().toString(), aliceAndBob, "", List.of(a.fileId()));
        return a;
    }

    @Test
    void uploadedFileComesBackByteForByteToAnotherMember() throws IOException {
        Path original = randomFile(dir, "report.pdf", 3 * 1024 * 1024 + 7);
        Attachment a = shareWithBob(original);
        assertEquals("report.pdf", a.name());
        assertEquals(Files.size(original), a.size());
        assertEquals("application/pdf", a.contentType());

        Path saved = dir.resolve("copy.pdf");
        Downloaded d = new FileTransfers(ApiClient.of(bob)).download(a.fileId(), saved, false, TransferListener.NONE);
        assertEquals(saved, d.path());
        assertEquals(0, d.resumedFrom());
        assertEquals(Digests.sha256(original), Digests.sha256(saved));
        assertFalse(Files.exists(dir.resolve("copy.pdf.part")));
    }

    @Test
    void progressReachesTheTotalForUploadAndDownload() throws IOException {
        Path original = randomFile(dir, "clip.bin", 1024 * 1024);
        Recorder up = new Recorder();
        Attachment a = new FileTransfers(ApiClient.of(alice)).upload(original, aliceAndBob, up);
        assertEquals(List.of(0L, 1024L * 1024), List.of(up.offset, up.total));
        assertEquals(1024L * 1024, up.last);
        assertTrue(up.calls > 1, "progress arrives in steps, not only at the end: " + up.calls);

        Recorder down = new Recorder();
        new FileTransfers(ApiClient.of(alice)).download(a.fileId(), dir.resolve("back.bin"), false, down);
        assertEquals(1024L * 1024, down.last);
        assertEquals(1024L * 1024, down.total);
    }

    @Test
    void interruptedDownloadResumesFromItsPartFile() throws IOException {
        Path original = randomFile(dir, "movie.mkv", 4 * 1024 * 1024);
        Attachment a = shareWithBob(original);
        Path saved = dir.resolve("movie.mkv.saved");
        int half = 2 * 1024 * 1024 + 13;
        Files.write(dir.resolve("movie.mkv.saved.part"), java.util.Arrays.copyOf(Files.readAllBytes(original), half));

        Recorder r = new Recorder();
        Downloaded d = new FileTransfers(ApiClient.of(bob)).download(a.fileId(), saved, false, r);
        assertEquals(half, r.offset, "only the missing bytes were asked for");
        assertEquals(half, d.resumedFrom());
        assertEquals(a.size() - half, r.last - r.offset, "bytes that crossed the network");
        assertEquals(Digests.sha256(original), Digests.sha256(saved));
        assertFalse(Files.exists(dir.resolve("movie.mkv.saved.part")));
    }

    @Test
    void partFileLongerThanTheFileIsDiscardedAndTheDownloadStartsOver() throws IOException {
        Path original = randomFile(dir, "small.txt", 1000);
        Attachment a = shareWithBob(original);
        Path saved = dir.resolve("small.txt");
        Files.delete(original);
        Files.write(dir.resolve("small.txt.part"), new byte[5000]);
        Recorder r = new Recorder();
        new FileTransfers(ApiClient.of(bob)).download(a.fileId(), saved, false, r);
        assertEquals(0, r.offset);
        assertEquals(1000, Files.size(saved));
    }

    @Test
    void serverThatIgnoresRangeGetsTheWholeFileAgain() throws IOException {
        byte[] bytes = Files.readAllBytes(randomFile(dir, "whole.bin", 100_000));
        // A plain HTTP server without Range support, as some blob stores and proxies are.
        HttpServer plain = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        plain.createContext("/blob", exchange -> {
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        plain.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + plain.getAddress().getPort() + "/blob?sig=x");
            FileLink link = new FileLink(url, 0, "whole.bin", bytes.length, "", "");
            Path saved = dir.resolve("whole-copy.bin");
            Files.write(dir.resolve("whole-copy.bin.part"), new byte[40_000]); // wrong bytes: must not survive
            Recorder r = new Recorder();
            Downloaded d = new FileTransfers(ApiClient.of(bob)).download(link, saved, false, r);
            assertEquals(0, d.resumedFrom());
            assertEquals(0, r.offset);
            assertArrayEquals(bytes, Files.readAllBytes(saved));
        } finally {
            plain.stop(0);
        }
    }

    @Test
    void emptyFileRoundTrips() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        Attachment a = shareWithBob(empty);
        assertEquals(0, a.size());
        Path saved = dir.resolve("empty-copy.txt");
        new FileTransfers(ApiClient.of(bob)).download(a.fileId(), saved, false, TransferListener.NONE);
        assertEquals(0, Files.size(saved));
    }

    @Test
    void bytesNotMatchingTheDigestAreThrownAway() throws IOException {
        Attachment a = shareWithBob(randomFile(dir, "data.bin", 4096));
        FileLink real = ApiClient.of(bob).fileLink(a.fileId());
        FileLink wrong = new FileLink(real.url(), real.expiresAt(), real.name(), real.size(), real.contentType(),
                "0".repeat(64));
        Path saved = dir.resolve("data-copy.bin");
        assertThrows(TransferException.class, () -> new FileTransfers(ApiClient.of(bob))
                .download(wrong, saved, false, TransferListener.NONE));
        assertFalse(Files.exists(saved));
        assertFalse(Files.exists(dir.resolve("data-copy.bin.part")));
    }

    @Test
    void existingTargetIsKeptUnlessReplacing() throws IOException {
        Path original = randomFile(dir, "photo.jpg", 2048);
        Attachment a = shareWithBob(original);
        Path saved = Files.writeString(dir.resolve("mine.jpg"), "keep me");
        FileTransfers bobs = new FileTransfers(ApiClient.of(bob));
        LocalFileException e = assertThrows(LocalFileException.class,
                () -> bobs.download(a.fileId(), saved, false, TransferListener.NONE));
        assertTrue(e.getMessage().endsWith("mine.jpg: exists already"), e.getMessage());
        assertEquals("keep me", Files.readString(saved));

        bobs.download(a.fileId(), saved, true, TransferListener.NONE);
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(saved));
    }

    @Test
    void fileOverTheLimitIsRefusedBeforeAnyByteIsSent() throws IOException {
        Path big = dir.resolve("big.iso");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(LIMIT + 1); // sparse: costs no disk
        }
        Recorder r = new Recorder();
        ApiException e = assertThrows(ApiException.class,
                () -> new FileTransfers(ApiClient.of(alice)).upload(big, aliceAndBob, r));
        assertEquals(413, e.status());
        assertEquals("too_large", e.code());
        assertTrue(e.getMessage().contains(String.valueOf(LIMIT)), "names the limit: " + e.getMessage());
        assertEquals(0, r.calls, "no byte was sent");
    }

    @Test
    void uploadIntoAConversationOfOthersIsRefused() throws IOException {
        ConversationInfo others = ApiClient.of(alice).createGroup("no carol", List.of("bob"));
        ApiException e = assertThrows(ApiException.class, () -> new FileTransfers(ApiClient.of(carol))
                .upload(randomFile(dir, "x.txt", 10), others.id(), TransferListener.NONE));
        assertEquals("not_member", e.code());
    }

    @Test
    void fileNotSharedWithMeDoesNotExistForMe() throws IOException {
        Attachment a = shareWithBob(randomFile(dir, "private.txt", 10));
        ApiException e = assertThrows(ApiException.class, () -> new FileTransfers(ApiClient.of(carol))
                .download(a.fileId(), dir.resolve("stolen.txt"), false, TransferListener.NONE));
        assertEquals(404, e.status());
        assertFalse(Files.exists(dir.resolve("stolen.txt")));
    }

    @Test
    void missingFileIsALocalFileError() {
        LocalFileException e = assertThrows(LocalFileException.class, () -> new FileTransfers(ApiClient.of(alice))
                .upload(dir.resolve("nope.txt"), aliceAndBob, TransferListener.NONE));
        assertTrue(e.getMessage().endsWith("nope.txt: no such file"), e.getMessage());
    }

    @Test
    void unreachableBlobServerIsNamedWithoutTheSignature(@TempDir Path otherData) throws IOException {
        FileLink link;
        try (TestServer other = TestServer.start(otherData)) {
            Session dave = other.user("dave");
            String self = ApiClient.of(dave).direct("dave").id();
            Attachment a = new FileTransfers(ApiClient.of(dave))
                    .upload(randomFile(dir, "gone.txt", 100), self, TransferListener.NONE);
            link = ApiClient.of(dave).fileLink(a.fileId());
        }
        ServerUnreachableException e = assertThrows(ServerUnreachableException.class, () ->
                new FileTransfers(ApiClient.of(alice)).download(link, dir.resolve("gone"), false,
                        TransferListener.NONE));
        assertFalse(e.getMessage().contains("sig"), e.getMessage());
        assertFalse(link.toString().contains("sig"), link.toString());
        assertTrue(e.getMessage().contains(SignedUrls.origin(link.url()).toString()), e.getMessage());
    }

    /** Remembers what a transfer reported. */
    static final class Recorder implements TransferListener {
        long offset = -1;
        long total = -1;
        long last = -1;
        int calls;

        @Override
        public void started(long offset, long total) {
            this.offset = offset;
            this.total = total;
        }

        @Override
        public synchronized void progress(long done, long total) {
            last = done;
            calls++;
        }
    }
}
