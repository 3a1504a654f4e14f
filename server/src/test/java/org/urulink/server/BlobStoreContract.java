package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.urulink.protocol.ErrorCode;

/**
 * What every {@link BlobStore} does, run against each one by a subclass: clients move bytes on the signed URLs, the
 * server reads and deletes them, and a URL that was altered, has expired or is used for the other method is refused.
 */
abstract class BlobStoreContract {
    private final HttpClient http = HttpClient.newHttpClient();

    /** A store whose URLs last {@code ttl}; the subclass closes it after the test. */
    abstract BlobStore store(Duration ttl);

    /** What a relative URL of the store is resolved against. */
    abstract URI base();

    /** The query parameter that carries a URL's signature. */
    abstract String signatureParameter();

    /** The shortest lifetime the store signs for, and how long to wait for such a URL to be past it. */
    abstract Duration shortTtl();

    abstract Duration pastShortTtl();

    BlobStore store() {
        return store(Duration.ofMinutes(15));
    }

    @Test
    void bytesPutOnTheUploadUrlComeBackOnTheDownloadUrl() {
        BlobStore store = store();
        String key = store.newKey();
        byte[] data = bytes(100_000);
        assertEquals(2, put(store.uploadUrl(key, data.length).url(), data).statusCode() / 100);
        HttpResponse<byte[]> got = get(store.downloadUrl(key).url(), null);
        assertEquals(200, got.statusCode());
        assertArrayEquals(data, got.body());
    }

    @Test
    void statTellsTheSizeOfAnObjectAndNothingOfAMissingOne() {
        BlobStore store = store();
        String key = store.newKey();
        assertTrue(store.stat(key).isEmpty());
        put(store.uploadUrl(key, 1234).url(), bytes(1234));
        assertEquals(1234, store.stat(key).orElseThrow().size());
    }

    @Test
    void openReadsTheRangeAskedFor() throws IOException {
        BlobStore store = store();
        String key = store.newKey();
        byte[] data = bytes(5000);
        put(store.uploadUrl(key, data.length).url(), data);
        try (InputStream in = store.open(key, 1000, 500)) {
            assertArrayEquals(Arrays.copyOfRange(data, 1000, 1500), in.readAllBytes());
        }
        try (InputStream in = store.open(key, 4990, 100)) {
            assertArrayEquals(Arrays.copyOfRange(data, 4990, 5000), in.readAllBytes(), "cut at the end");
        }
    }

    @Test
    void downloadUrlAnswersARangeForAResumedDownload() {
        BlobStore store = store();
        String key = store.newKey();
        byte[] data = bytes(1000);
        put(store.uploadUrl(key, data.length).url(), data);
        HttpResponse<byte[]> r = get(store.downloadUrl(key).url(), "bytes=600-");
        assertEquals(206, r.statusCode());
        assertArrayEquals(Arrays.copyOfRange(data, 600, 1000), r.body());
    }

    @Test
    void downloadIsNeverRenderedByABrowser() {
        BlobStore store = store();
        String key = store.newKey();
        byte[] page = "<script>alert(1)</script>".getBytes();
        // Uploaded as a web page: the store must not hand it back as one.
        send(HttpRequest.newBuilder(resolve(store.uploadUrl(key, page.length).url())).header("Content-Type", "text/html")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(page)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> r = get(store.downloadUrl(key).url(), null);
        assertEquals("application/octet-stream", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
    }

    /** Larger than one S3 part, so the store sends it in pieces as it streams in. */
    @Test
    void writeStoresAStreamLargerThanOnePart() throws IOException {
        BlobStore store = store();
        String key = store.newKey();
        byte[] data = bytes((int) S3BlobStore.PART_SIZE + 1000);
        assertEquals(data.length, store.write(key, new ByteArrayInputStream(data), data.length));
        try (InputStream in = store.open(key, 0, data.length)) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void writeLongerThanTheLimitIsRefusedAndKeepsNothing() {
        BlobStore store = store();
        String key = store.newKey();
        var e = assertThrows(ChatException.class, () -> store.write(key, new ByteArrayInputStream(bytes(2000)), 1999));
        assertEquals(ErrorCode.TOO_LARGE, e.code());
        assertTrue(store.stat(key).isEmpty());
    }

    @Test
    void deletedObjectIsGoneAndDeletingAgainIsQuiet() {
        BlobStore store = store();
        String key = store.newKey();
        put(store.uploadUrl(key, 10).url(), bytes(10));
        store.delete(key);
        assertTrue(store.stat(key).isEmpty());
        assertEquals(404, get(store.downloadUrl(key).url(), null).statusCode());
        store.delete(key);
    }

    @Test
    void alteredUploadUrlIsForbidden() {
        BlobStore store = store();
        String key = store.newKey();
        assertEquals(403, put(tamper(store.uploadUrl(key, 3).url()), bytes(3)).statusCode());
        assertTrue(store.stat(key).isEmpty());
    }

    @Test
    void alteredDownloadUrlIsForbidden() {
        BlobStore store = store();
        String key = store.newKey();
        put(store.uploadUrl(key, 3).url(), bytes(3));
        assertEquals(403, get(tamper(store.downloadUrl(key).url()), null).statusCode());
    }

    @Test
    void urlForAnotherObjectDoesNotReachThisOne() {
        BlobStore store = store();
        String key = store.newKey();
        String other = store.newKey();
        assertNotEquals(key, other);
        put(store.uploadUrl(key, 3).url(), bytes(3));
        String url = store.downloadUrl(other).url().replace(other, key);
        assertEquals(403, get(url, null).statusCode());
    }

    @Test
    void downloadUrlDoesNotUpload() {
        BlobStore store = store();
        String key = store.newKey();
        assertEquals(403, put(store.downloadUrl(key).url(), bytes(3)).statusCode());
        assertTrue(store.stat(key).isEmpty());
    }

    @Test
    void expiredUrlIsForbidden() throws InterruptedException {
        BlobStore store = store(shortTtl());
        String key = store.newKey();
        String upload = store.uploadUrl(key, 3).url();
        Thread.sleep(pastShortTtl().toMillis());
        assertEquals(403, put(upload, bytes(3)).statusCode());
        assertTrue(store.stat(key).isEmpty());
    }

    // --- helpers ---

    private String tamper(String url) {
        String marker = signatureParameter() + "=";
        int at = url.indexOf(marker) + marker.length();
        char c = url.charAt(at);
        return url.substring(0, at) + (c == 'a' ? 'b' : 'a') + url.substring(at + 1);
    }

    HttpResponse<String> put(String url, byte[] data) {
        return send(HttpRequest.newBuilder(resolve(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> get(String url, String range) {
        HttpRequest.Builder b = HttpRequest.newBuilder(resolve(url)).GET();
        if (range != null) {
            b.header("Range", range);
        }
        return send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI resolve(String url) {
        return url.startsWith("/") ? URI.create(base() + url) : URI.create(url);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }
}
