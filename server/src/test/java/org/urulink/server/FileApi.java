package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The files API as a client uses it, over real HTTP: announce, PUT to the signed URL, complete, download. */
record FileApi(TestServer server) {

    String group(TestServer.Account owner, String... members) {
        var r = server.post("/conversations", owner.accessToken(), Map.of("title", "files", "members", List.of(members)));
        assertEquals(201, r.status(), r.text());
        return r.json().path("id").asText();
    }

    TestServer.Reply announce(TestServer.Account who, String conv, String name, long size, String sha) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "size", size, "content_type", "text/plain",
                "conversation_id", conv));
        if (sha != null) {
            body.put("sha256", sha);
        }
        return server.post("/files", who.accessToken(), body);
    }

    /** Announces (with the sha256), uploads and completes a file; its id. */
    String upload(TestServer.Account who, String conv, String name, byte[] data) {
        var created = announce(who, conv, name, data.length, sha256(data));
        assertEquals(201, created.status(), created.text());
        HttpResponse<String> put = put(created.json().path("upload_url").asText(), data);
        assertEquals(2, put.statusCode() / 100, put.body());
        String id = created.json().path("file_id").asText();
        var done = complete(who, id);
        assertEquals(200, done.status(), done.text());
        return id;
    }

    TestServer.Reply complete(TestServer.Account who, String id) {
        return server.post("/files/" + id + "/complete", who.accessToken(), null);
    }

    String downloadUrl(TestServer.Account who, String id) {
        var r = server.get("/files/" + id, who.accessToken());
        assertEquals(200, r.status(), r.text());
        return r.json().path("url").asText();
    }

    HttpResponse<String> put(String url, byte[] data) {
        return send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> fetch(String url, String range) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (range != null) {
            b.header("Range", range);
        }
        return send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return server.http.send(request, handler);
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

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
