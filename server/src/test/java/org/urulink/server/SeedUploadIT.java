package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.urulink.protocol.Json;

/** The original urulink's {@code POST /upload}: a multipart form, a bare token, {@code [{file_name, file_url}]}. */
class SeedUploadIT extends ServerIT {

    @Test
    void seedClientUploadsTwoFilesAndReadsThemBackWithItsBareToken() throws IOException {
        var alice = server.account("alice");
        byte[] one = FileApi.bytes(70_000);
        byte[] two = FileApi.bytes(3);
        var r = upload(alice.accessToken(), new Form().file("files", "a.bin", "application/octet-stream", one)
                .file("files", "b.txt", "text/plain", two));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = Json.mapper().readTree(r.body());
        assertEquals(2, answer.size());
        assertEquals("a.bin", answer.get(0).path("file_name").asText());
        assertEquals("b.txt", answer.get(1).path("file_name").asText());
        assertArrayEquals(one, read(answer.get(0).path("file_url").asText(), alice.accessToken()).body());
        assertArrayEquals(two, read(answer.get(1).path("file_url").asText(), alice.accessToken()).body());
    }

    @Test
    void fileUrlIsRefusedWithoutAToken() throws IOException {
        var alice = server.account("alice");
        String url = fileUrl(alice, "a.txt", FileApi.bytes(10));
        assertEquals(401, read(url, null).statusCode());
    }

    @Test
    void fileUrlDoesNotExistForSomeoneItWasNotSharedWith() throws IOException {
        var alice = server.account("alice");
        var carol = server.account("carol");
        String url = fileUrl(alice, "a.txt", FileApi.bytes(10));
        assertEquals(404, read(url, carol.accessToken()).statusCode());
    }

    @Test
    void fileUrlWorksForAMemberOnceTheUploaderSharesTheFile() throws IOException {
        var alice = server.account("alice");
        var bob = server.account("bob");
        byte[] data = FileApi.bytes(500);
        String url = fileUrl(alice, "photo.jpg", data);
        String id = fileId(url);
        var sent = server.post("/messages", alice.accessToken(),
                Map.of("client_id", "m1", "to", "bob", "body", "look", "attachments", List.of(id)));
        assertEquals(200, sent.status(), sent.text());
        assertArrayEquals(data, read(url, "Bearer " + bob.accessToken()).body());
    }

    @Test
    void seedFileMessageIsStoredAndDeliveredAsAFileMessage() throws IOException {
        var alice = server.account("alice");
        var bob = server.account("bob");
        byte[] data = FileApi.bytes(900);
        String url = fileUrl(alice, "photo.jpg", data);
        String id = fileId(url);
        try (WsClient a = WsClient.seed(server, alice.accessToken(), bob.id());
             WsClient b = WsClient.seed(server, bob.accessToken(), alice.id());
             WsClient native_ = WsClient.ready(server, bob.accessToken())) {
            a.send(Map.of("content_type", "file", "content", url));
            JsonNode got = b.await(f -> f.has("sender_id"));
            assertEquals("file", got.path("content_type").asText());
            assertEquals("/files/" + id + "/content", got.path("file_path").asText());
            JsonNode message = native_.awaitType("message");
            assertEquals(id, message.path("attachments").get(0).path("file_id").asText(), message.toString());
        }
        assertArrayEquals(data, read(url, bob.accessToken()).body());
    }

    @Test
    void seedMessageCarryingAFileUrlSharesTheFileWithTheReceiver() throws IOException {
        var alice = server.account("alice");
        var bob = server.account("bob");
        byte[] data = FileApi.bytes(700);
        String url = fileUrl(alice, "song.mp3", data);
        assertEquals(404, read(url, bob.accessToken()).statusCode(), "not shared yet");
        try (WsClient a = WsClient.seed(server, alice.accessToken(), bob.id());
             WsClient b = WsClient.seed(server, bob.accessToken(), alice.id())) {
            a.send(Map.of("content_type", "text", "content", "listen: " + url));
            assertEquals("listen: " + url, b.await(f -> f.has("sender_id")).path("content").asText());
        }
        assertArrayEquals(data, read(url, bob.accessToken()).body());
    }

    @Test
    void uploadWithoutATokenIsUnauthorized() {
        var r = upload(null, new Form().file("files", "a.txt", "text/plain", FileApi.bytes(3)));
        assertEquals(401, r.statusCode(), r.body());
    }

    @Test
    void bodyThatIsNotAFormIsBadRequest() {
        var alice = server.account("alice");
        var r = server.post("/upload", alice.accessToken(), Map.of("files", "a.txt"));
        assertEquals(400, r.status(), r.text());
        assertTrue(r.text().contains("multipart/form-data"), r.text());
    }

    @Test
    void formCutShortIsBadRequestAndKeepsNothing() throws IOException {
        var alice = server.account("alice");
        Form form = new Form().file("files", "a.txt", "text/plain", FileApi.bytes(10))
                .file("files", "b.txt", "text/plain", FileApi.bytes(10));
        var r = send(alice.accessToken(), form.contentType(), HttpRequest.BodyPublishers.ofByteArray(form.unfinished()));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(List.of(), storedObjects());
    }

    @Test
    void formWithoutTheFilesFieldIsBadRequest() {
        var alice = server.account("alice");
        var r = upload(alice.accessToken(), new Form().file("photo", "a.txt", "text/plain", FileApi.bytes(3)));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("missing_field"), r.body());
    }

    @Test
    void fileOverTheLimitIsRefusedAndNothingOfTheFormIsKept() throws IOException {
        restartWith(c -> c.withMaxFileBytes(1000));
        var alice = server.account("alice");
        var r = upload(alice.accessToken(), new Form().file("files", "small.txt", "text/plain", FileApi.bytes(10))
                .file("files", "big.iso", "application/octet-stream", FileApi.bytes(1001)));
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("too_large"), r.body());
        assertEquals(List.of(), storedObjects(), "the small file of the same form is gone too");
    }

    @Test
    void typeOffTheAllowListIsRefused() {
        restartWith(c -> c.with(b -> b.fileTypes(List.of("image/*"))));
        var alice = server.account("alice");
        var r = upload(alice.accessToken(), new Form().file("files", "a.txt", "text/plain", FileApi.bytes(3)));
        assertEquals(415, r.statusCode(), r.body());
        assertTrue(r.body().contains("image/*"), r.body());
    }

    @Test
    void pathInAFileNameIsStripped() throws IOException {
        var alice = server.account("alice");
        var r = upload(alice.accessToken(), new Form().file("files", "../../etc/passwd", "text/plain", FileApi.bytes(3)));
        assertEquals("passwd", Json.mapper().readTree(r.body()).get(0).path("file_name").asText());
    }

    // --- helpers ---

    private String fileUrl(TestServer.Account who, String name, byte[] data) throws IOException {
        var r = upload(who.accessToken(), new Form().file("files", name, "text/plain", data));
        assertEquals(200, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body()).get(0).path("file_url").asText();
    }

    /** A seed client sends its token bare, without "Bearer ". */
    private HttpResponse<String> upload(String token, Form form) {
        return send(token, form.contentType(), form.publisher());
    }

    private HttpResponse<String> send(String token, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/upload")).header("Content-Type", contentType)
                .POST(body);
        if (token != null) {
            b.header("Authorization", token);
        }
        return new FileApi(server).send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> read(String url, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return new FileApi(server).send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private List<Path> storedObjects() throws IOException {
        Path files = dir.resolve("files");
        if (!Files.exists(files)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(files)) {
            return all.toList();
        }
    }

    /** The file id in a {@code file_url}. */
    private static String fileId(String url) {
        return url.replaceAll(".*/files/([^/]+)/content$", "$1");
    }
}
