package org.urulink.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import org.urulink.protocol.Json;

/**
 * A real server on a random port over a real SQLite file (or the PostgreSQL database a tweak names), plus a small
 * HTTP client for tests.
 */
final class TestServer implements AutoCloseable {
    static final String PASSWORD = "correct horse";
    /** Argon2id at a test cost: real hashing, but milliseconds per account instead of ~0.2 s. */
    static final ServerConfig.PasswordCost CHEAP = new ServerConfig.PasswordCost(1024, 1, 1);

    final ChatServer server;
    final Path dataDir;
    final HttpClient http = HttpClient.newHttpClient();

    TestServer(Path dataDir) {
        this(dataDir, c -> c);
    }

    TestServer(Path dataDir, UnaryOperator<ServerConfig> tweak) {
        this(dataDir, tweak, Clock.systemUTC());
    }

    /** A server telling time by {@code clock}, which the test may move forward. */
    TestServer(Path dataDir, UnaryOperator<ServerConfig> tweak, Clock clock) {
        this.dataDir = dataDir;
        this.server = ChatServer.start(tweak.apply(cheap(ServerConfig.defaults(dataDir).withPort(0))), clock);
    }

    private static ServerConfig cheap(ServerConfig c) {
        return c.with(b -> b.passwordHash(CHEAP));
    }

    URI uri(String path) {
        return URI.create(server.baseUri() + path);
    }

    URI wsUri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
    }

    record Reply(int status, JsonNode json, String text) {
        String errorCode() {
            return json.path("error").path("code").asText();
        }
    }

    Reply call(String method, String path, String token, Object body) {
        return callWith(method, path, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), body);
    }

    Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    Reply post(String path, String token, Object body) {
        return call("POST", path, token, body);
    }

    Reply callWith(String method, String path, Map<String, String> headers, Object body) {
        try {
            String text = body == null ? "" : body instanceof String s ? s : Json.mapper().writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text))
                    .header("Content-Type", "application/json");
            headers.forEach(b::header);
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? Json.mapper().createObjectNode() : parse(r.body());
            return new Reply(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().createObjectNode().put("raw", body);
        }
    }

    /** An account with a logged-in access token. */
    record Account(String id, String username, String accessToken, String refreshToken) {
    }

    Reply register(String username, String password) {
        return post("/register", null, Map.of("username", username, "password", password));
    }

    Reply login(String username, String password) {
        return post("/login", null, Map.of("username", username, "password", password));
    }

    Account account(String username) {
        Reply reg = post("/register", null, Map.of("username", username, "password", PASSWORD, "name",
                username.toUpperCase(java.util.Locale.ROOT)));
        if (reg.status() != 200) {
            throw new IllegalStateException("register failed: " + reg.text());
        }
        return login(username);
    }

    /** A fresh login (its own refresh token and access token) of an existing account. */
    Account login(String username) {
        Reply login = login(username, PASSWORD);
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login.text());
        }
        return new Account(login.json().path("user").path("id").asText(), username,
                login.json().path("accessToken").asText(), login.json().path("refreshToken").asText());
    }

    static String uniqueName(String base) {
        return base + UUID.randomUUID().toString().substring(0, 6);
    }

    @Override
    public void close() {
        server.close();
    }
}
