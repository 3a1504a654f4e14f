package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Files over real HTTP: announce, upload to the signed URL, complete, share in a message, download. */
class FilesIT extends ServerIT {

    @Test
    void emptyFileRoundTripsBySha256() {
        roundTrip(0);
    }

    @Test
    void oneByteFileRoundTripsBySha256() {
        roundTrip(1);
    }

    @Test
    void fiveMebibyteFileRoundTripsBySha256() {
        roundTrip(5 * 1024 * 1024);
    }

    private void roundTrip(int size) {
        var alice = server.account("alice");
        String conv = group(alice);
        byte[] data = bytes(size);
        String id = upload(alice, conv, "data.bin", data);
        // The link names the digest the upload was checked against, so the downloader can check the bytes too.
        assertEquals(sha256(data), server.get("/files/" + id, alice.accessToken()).json().path("sha256").asText());
        byte[] got = fetch(downloadUrl(alice, id), null).body();
        assertEquals(sha256(data), sha256(got));
        assertEquals(size, got.length);
    }

    @Test
    void memberDownloadsOnceTheFileIsSharedInAMessage() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        String conv = group(alice, "bob");
        byte[] data = bytes(1000);
        String id = upload(alice, conv, "photo.jpg", data);
        assertEquals(404, server.get("/files/" + id, bob.accessToken()).status(), "not shared yet");

        var sent = server.post("/messages", alice.accessToken(),
                Map.of("client_id", "m1", "conversation_id", conv, "body", "look", "attachments", List.of(id)));
        assertEquals(200, sent.status(), sent.text());

        assertArrayEquals(data, fetch(downloadUrl(bob, id), null).body());
        JsonNode message = server.get("/conversations/" + conv + "/messages", bob.accessToken()).json()
                .path("messages").get(0);
        JsonNode attachment = message.path("attachments").get(0);
        assertEquals(id, attachment.path("file_id").asText());
        assertEquals("photo.jpg", attachment.path("name").asText());
        assertEquals(1000, attachment.path("size").asLong());
    }

    @Test
    void attachmentSentOverTheSocketReachesTheOtherMember() {
        var alice = server.account("alice");
        var bob = server.account("bob");
        String conv = group(alice, "bob");
        String id = upload(alice, conv, "notes.txt", bytes(42));
        try (WsClient a = WsClient.ready(server, alice.accessToken()); WsClient b = WsClient.ready(server, bob.accessToken())) {
            a.send(Map.of("type", "send", "client_id", "w1", "conversation_id", conv, "body", "notes",
                    "attachments", List.of(id)));
            JsonNode atBob = b.awaitType("message");
            assertEquals(id, atBob.path("attachments").get(0).path("file_id").asText());
            assertEquals(42, atBob.path("attachments").get(0).path("size").asLong());
        }
        assertEquals(200, server.get("/files/" + id, bob.accessToken()).status());
    }

    @Test
    void messageWithoutAttachmentsHasNoAttachmentsField() {
        var alice = server.account("alice");
        String conv = group(alice);
        server.post("/messages", alice.accessToken(), Map.of("client_id", "m1", "conversation_id", conv, "body", "hi"));
        JsonNode message = server.get("/conversations/" + conv + "/messages", alice.accessToken()).json()
                .path("messages").get(0);
        assertFalse(message.has("attachments"), message.toString());
    }

    @Test
    void messageWithOnlyAnAttachmentNeedsNoBody() {
        var alice = server.account("alice");
        String conv = group(alice);
        String id = upload(alice, conv, "a.txt", bytes(3));
        var sent = server.post("/messages", alice.accessToken(),
                Map.of("client_id", "m1", "conversation_id", conv, "attachments", List.of(id)));
        assertEquals(200, sent.status(), sent.text());
    }

    @Test
    void nonMemberGetsNotFound() {
        var alice = server.account("alice");
        var carol = server.account("carol");
        String conv = group(alice);
        String id = upload(alice, conv, "secret.txt", bytes(10));
        server.post("/messages", alice.accessToken(),
                Map.of("client_id", "m1", "conversation_id", conv, "body", "x", "attachments", List.of(id)));
        var r = server.get("/files/" + id, carol.accessToken());
        assertEquals(404, r.status(), r.text());
        assertEquals("not_found", r.errorCode());
    }

    @Test
    void nonMemberCannotAttachSomeoneElsesFile() {
        var alice = server.account("alice");
        var carol = server.account("carol");
        String id = upload(alice, group(alice), "secret.txt", bytes(10));
        var r = server.post("/messages", carol.accessToken(),
                Map.of("client_id", "m1", "to", "alice", "body", "mine now", "attachments", List.of(id)));
        assertEquals(404, r.status(), r.text());
        assertEquals(404, server.get("/files/" + id, carol.accessToken()).status());
    }

    @Test
    void expiredUploadUrlIsForbidden() throws InterruptedException {
        restartWith(c -> c.withBlobUrlTtl(Duration.ofMillis(1)));
        var alice = server.account("alice");
        JsonNode created = announce(alice, group(alice), "late.txt", 3, null).json();
        Thread.sleep(20);
        HttpResponse<String> r = put(created.path("upload_url").asText(), bytes(3));
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"code\":\"forbidden\""), r.body());
    }

    @Test
    void tamperedSignatureIsForbidden() {
        var alice = server.account("alice");
        String url = announce(alice, group(alice), "a.txt", 3, null).json().path("upload_url").asText();
        String sig = url.substring(url.indexOf("sig=") + 4);
        String forged = url.replace("sig=" + sig, "sig=" + (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1));
        assertEquals(403, put(forged, bytes(3)).statusCode());
    }

    @Test
    void extendedExpiryIsForbidden() {
        var alice = server.account("alice");
        String id = upload(alice, group(alice), "a.txt", bytes(3));
        String url = downloadUrl(alice, id);
        String expires = url.replaceAll(".*expires=(\\d+).*", "$1");
        String longer = url.replace("expires=" + expires, "expires=" + (Long.parseLong(expires) + 3_600_000));
        assertEquals(403, fetch(longer, null).statusCode());
    }

    @Test
    void uploadUrlDoesNotDownload() {
        var alice = server.account("alice");
        String url = announce(alice, group(alice), "a.txt", 3, null).json().path("upload_url").asText();
        assertEquals(403, fetch(url.replaceAll("&max=\\d+", ""), null).statusCode());
    }

    @Test
    void oversizedFileIsRefusedBeforeUpload() {
        restartWith(c -> c.withMaxFileBytes(1000));
        var alice = server.account("alice");
        var r = announce(alice, group(alice), "big.iso", 1001, null);
        assertEquals(413, r.status(), r.text());
        assertEquals("too_large", r.errorCode());
        assertFalse(r.json().has("upload_url"));
    }

    @Test
    void typeOffTheAllowListIsRefusedBeforeUploadNamingWhatIsAllowed() {
        restartWith(c -> c.with(b -> b.fileTypes(List.of("image/*", "application/pdf"))));
        var alice = server.account("alice");
        var r = announce(alice, group(alice), "notes.txt", 3, null);
        assertEquals(415, r.status(), r.text());
        assertEquals("unsupported_type", r.errorCode());
        assertTrue(r.json().path("error").path("message").asText().contains("image/*, application/pdf"), r.text());
        assertFalse(r.json().has("upload_url"));
    }

    @Test
    void typeInAnAllowedFamilyIsAccepted() {
        restartWith(c -> c.with(b -> b.fileTypes(List.of("image/*", "application/pdf"))));
        var alice = server.account("alice");
        Map<String, Object> body = Map.of("name", "cat.png", "size", 3, "content_type", "image/png",
                "conversation_id", group(alice));
        var r = server.post("/files", alice.accessToken(), body);
        assertEquals(201, r.status(), r.text());
    }

    @Test
    void uploadLongerThanDeclaredIsRefused() {
        var alice = server.account("alice");
        String url = announce(alice, group(alice), "a.txt", 5, null).json().path("upload_url").asText();
        assertEquals(413, put(url, bytes(10)).statusCode());
    }

    @Test
    void pathInNameIsStripped() {
        var alice = server.account("alice");
        String id = upload(alice, group(alice), "../../etc/passwd", bytes(3));
        assertEquals("passwd", server.get("/files/" + id, alice.accessToken()).json().path("name").asText());
    }

    @Test
    void controlAndBidiCharactersInNameAreRemoved() {
        var alice = server.account("alice");
        String id = upload(alice, group(alice), "in\u0000voice\u202Efdp.exe\n", bytes(3));
        assertEquals("invoicefdp.exe", server.get("/files/" + id, alice.accessToken()).json().path("name").asText());
    }

    @Test
    void rangeRequestReturnsPartialContent() {
        var alice = server.account("alice");
        byte[] data = bytes(1000);
        String id = upload(alice, group(alice), "a.bin", data);
        HttpResponse<byte[]> r = fetch(downloadUrl(alice, id), "bytes=100-199");
        assertEquals(206, r.statusCode());
        assertEquals("bytes 100-199/1000", r.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(data, 100, 200), r.body());
        assertArrayEquals(Arrays.copyOfRange(data, 900, 1000), fetch(downloadUrl(alice, id), "bytes=900-").body());
    }

    @Test
    void downloadIsNeverRenderedByABrowser() {
        var alice = server.account("alice");
        String id = upload(alice, group(alice), "x.html", "<script>alert(1)</script>".getBytes());
        HttpResponse<byte[]> r = fetch(downloadUrl(alice, id), null);
        assertEquals("application/octet-stream", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("attachment", r.headers().firstValue("Content-Disposition").orElse(""));
    }

    @Test
    void secondUploadToTheSameUrlIsRefused() {
        var alice = server.account("alice");
        String url = announce(alice, group(alice), "a.txt", 3, null).json().path("upload_url").asText();
        assertEquals(204, put(url, bytes(3)).statusCode());
        assertEquals(400, put(url, bytes(3)).statusCode());
    }

    @Test
    void contentThroughTheServerHonoursTheTokenAndARange() {
        var alice = server.account("alice");
        var carol = server.account("carol");
        byte[] data = bytes(1000);
        String id = upload(alice, group(alice), "a.bin", data);
        assertEquals(404, server.get("/files/" + id + "/content", carol.accessToken()).status());
        var r = api().send(java.net.http.HttpRequest.newBuilder(server.uri("/files/" + id + "/content"))
                .header("Authorization", "Bearer " + alice.accessToken()).header("Range", "bytes=10-19").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, r.statusCode());
        assertArrayEquals(Arrays.copyOfRange(data, 10, 20), r.body());
    }

    @Test
    void rangePastTheEndIsUnsatisfiable() {
        var alice = server.account("alice");
        String id = upload(alice, group(alice), "a.bin", bytes(10));
        assertEquals(416, fetch(downloadUrl(alice, id), "bytes=10-").statusCode());
    }

    @Test
    void completeWithWrongSizeIsBadRequest() {
        var alice = server.account("alice");
        JsonNode created = announce(alice, group(alice), "a.txt", 10, null).json();
        assertEquals(204, put(created.path("upload_url").asText(), bytes(5)).statusCode());
        var r = server.post("/files/" + created.path("file_id").asText() + "/complete", alice.accessToken(), null);
        assertEquals(400, r.status(), r.text());
        assertTrue(r.json().path("error").path("message").asText().contains("declared as 10 bytes"), r.text());
    }

    @Test
    void completeWithWrongSha256IsBadRequest() {
        var alice = server.account("alice");
        JsonNode created = announce(alice, group(alice), "a.txt", 5, sha256(bytes(4))).json();
        put(created.path("upload_url").asText(), bytes(5));
        var r = server.post("/files/" + created.path("file_id").asText() + "/complete", alice.accessToken(), null);
        assertEquals(400, r.status(), r.text());
        assertTrue(r.text().contains("sha256"), r.text());
    }

    @Test
    void pendingFileIsNotDownloadable() {
        var alice = server.account("alice");
        String id = announce(alice, group(alice), "a.txt", 5, null).json().path("file_id").asText();
        assertEquals(404, server.get("/files/" + id, alice.accessToken()).status());
    }

    @Test
    void announcingIntoAConversationOneIsNotInIsRefused() {
        var alice = server.account("alice");
        var carol = server.account("carol");
        var r = announce(carol, group(alice), "a.txt", 5, null);
        assertEquals(403, r.status(), r.text());
    }

    @Test
    void redirectParameterAnswersWithFound() {
        var alice = server.account("alice");
        String id = upload(alice, group(alice), "a.txt", bytes(3));
        var r = server.get("/files/" + id + "?redirect=1", alice.accessToken());
        assertEquals(302, r.status(), r.text());
    }

    // --- helpers ---

    private FileApi api() {
        return new FileApi(server);
    }

    private String group(TestServer.Account owner, String... members) {
        return api().group(owner, members);
    }

    private TestServer.Reply announce(TestServer.Account who, String conv, String name, long size, String sha) {
        return api().announce(who, conv, name, size, sha);
    }

    private String upload(TestServer.Account who, String conv, String name, byte[] data) {
        return api().upload(who, conv, name, data);
    }

    private String downloadUrl(TestServer.Account who, String id) {
        return api().downloadUrl(who, id);
    }

    private HttpResponse<String> put(String url, byte[] data) {
        return api().put(url, data);
    }

    private HttpResponse<byte[]> fetch(String url, String range) {
        return api().fetch(url, range);
    }

    private static byte[] bytes(int size) {
        return FileApi.bytes(size);
    }

    private static String sha256(byte[] data) {
        return FileApi.sha256(data);
    }
}
