package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.protocol.Json;

/**
 * Files end to end with the server on S3: clients PUT and GET the bytes on presigned URLs of the store, and the store
 * itself refuses an altered URL.
 */
class S3FilesIT {
    private static TestS3 s3;

    @TempDir
    Path dir;
    private String bucket;
    private TestServer server;
    private FileApi api;

    @BeforeAll
    static void startS3() {
        s3 = TestS3.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    /**
     * With S3Proxy the server reaches the store as {@code localhost} while clients are given {@code 127.0.0.1}: a URL
     * signed for the inner address would name the wrong host, and one signed for it would not verify at the other.
     */
    @BeforeEach
    void startServer() {
        bucket = s3.bucket();
        URI inner = s3.inProcess() ? URI.create("http://localhost:" + s3.endpoint().getPort()) : s3.endpoint();
        Backends.S3 settings = s3.s3(inner, bucket);
        server = new TestServer(dir, c -> c.with(b -> b.backends(Backends.EMBEDDED.withS3(settings))));
        api = new FileApi(server);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void fileSharedInASendReachesTheOtherMemberFromTheStore() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        String conv = api.group(alice, "bob");
        byte[] data = FileApi.bytes(300_000);
        String id = api.upload(alice, conv, "photo.jpg", data);
        try (WsClient a = WsClient.ready(server, alice.accessToken());
             WsClient b = WsClient.ready(server, bob.accessToken())) {
            a.send(Map.of("type", "send", "client_id", "s1", "conversation_id", conv, "body", "look",
                    "attachments", List.of(id)));
            JsonNode atBob = b.awaitType("message");
            assertEquals(id, atBob.path("attachments").get(0).path("file_id").asText());
        }
        String url = api.downloadUrl(bob, id);
        assertTrue(url.startsWith(s3.endpoint() + "/" + bucket + "/"), "signed for the public endpoint: " + url);
        assertArrayEquals(data, api.fetch(url, null).body());
    }

    @Test
    void serverDoesNotStartWithAWrongSecretKeyAndSaysWhichSettings() {
        Backends.S3 s = s3.s3(bucket);
        Backends.S3 wrong = new Backends.S3(s.endpoint(), s.publicEndpoint(), s.accessKey(), "not-the-secret",
                "urulink-test-other", s.region());
        var e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> new TestServer(
                dir.resolve("other"), c -> c.with(b -> b.backends(Backends.EMBEDDED.withS3(wrong)))));
        assertTrue(e.getMessage().contains("urulink-test-other") && e.getMessage().contains("s3-secret-key"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("not-the-secret"), "the secret is never shown");
    }

    @Test
    void uploadUrlNamesThePublicEndpoint() {
        var alice = server.account("alice");
        String url = api.announce(alice, api.group(alice), "a.txt", 3, null).json().path("upload_url").asText();
        assertTrue(url.startsWith(s3.endpoint() + "/" + bucket + "/"), url);
    }

    @Test
    void outsiderGetsNotFound() {
        var alice = server.account("alice");
        var carol = server.account("carol");
        String conv = api.group(alice);
        String id = api.upload(alice, conv, "secret.txt", FileApi.bytes(10));
        server.post("/messages", alice.accessToken(),
                Map.of("client_id", "m1", "conversation_id", conv, "body", "x", "attachments", List.of(id)));
        var r = server.get("/files/" + id, carol.accessToken());
        assertEquals(404, r.status(), r.text());
        assertEquals("not_found", r.errorCode());
    }

    @Test
    void alteredUploadUrlIsForbiddenByTheStore() {
        var alice = server.account("alice");
        String url = api.announce(alice, api.group(alice), "a.txt", 3, null).json().path("upload_url").asText();
        String forged = url.replace("X-Amz-Expires=", "X-Amz-Expires=9");
        assertEquals(403, api.put(forged, FileApi.bytes(3)).statusCode());
        assertEquals(List.of(), s3.objects(bucket));
    }

    @Test
    void wrongSizeAtCompleteIsRefusedAndTheObjectDeleted() {
        var alice = server.account("alice");
        JsonNode created = api.announce(alice, api.group(alice), "a.txt", 10, null).json();
        String url = created.path("upload_url").asText();
        String id = created.path("file_id").asText();
        assertEquals(200, api.put(url, FileApi.bytes(5)).statusCode());

        var r = api.complete(alice, id);
        assertEquals(400, r.status(), r.text());
        assertTrue(r.text().contains("declared as 10 bytes"), r.text());
        assertEquals(List.of(), s3.objects(bucket), "the wrong object is gone");

        assertEquals(200, api.put(url, FileApi.bytes(10)).statusCode());
        assertEquals(200, api.complete(alice, id).status(), "the right bytes on the same URL complete it");
    }

    @Test
    void wrongSha256AtCompleteIsRefusedAndTheObjectDeleted() {
        var alice = server.account("alice");
        JsonNode created = api.announce(alice, api.group(alice), "a.txt", 5, FileApi.sha256(FileApi.bytes(4))).json();
        api.put(created.path("upload_url").asText(), FileApi.bytes(5));
        var r = api.complete(alice, created.path("file_id").asText());
        assertEquals(400, r.status(), r.text());
        assertTrue(r.text().contains("sha256"), r.text());
        assertEquals(List.of(), s3.objects(bucket));
    }

    /** Larger than one S3 part: the form's file streams into the bucket piece by piece. */
    @Test
    void seedUploadStreamsIntoTheBucketAndComesBackThroughItsFileUrl() throws Exception {
        var alice = server.account("alice");
        byte[] data = FileApi.bytes((int) S3BlobStore.PART_SIZE + 100_000);
        Form form = new Form().file("files", "video.mp4", "video/mp4", data);
        var r = api.send(HttpRequest.newBuilder(server.uri("/upload")).header("Content-Type", form.contentType())
                .header("Authorization", alice.accessToken()).POST(form.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, s3.objects(bucket).size());
        String url = Json.mapper().readTree(r.body()).get(0).path("file_url").asText();
        var got = api.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", alice.accessToken()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(data, got.body());
    }

    @Test
    void rangeOfADownloadComesFromTheStore() {
        var alice = server.account("alice");
        byte[] data = FileApi.bytes(1000);
        String id = api.upload(alice, api.group(alice), "a.bin", data);
        var r = api.fetch(api.downloadUrl(alice, id), "bytes=100-199");
        assertEquals(206, r.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 100, 200), r.body());
    }
}
