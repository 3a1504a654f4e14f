package org.urulink.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.urulink.client.ApiException;
import org.urulink.client.ServerUnreachableException;
import org.urulink.protocol.Json;

/**
 * The few authenticated HTTP calls the bench makes for many users at once (a direct conversation per pair, the
 * fanout group, {@code /metrics}), over one shared HTTP client rather than one client per user.
 */
final class BenchHttp {
    /** A group the bench may reuse. */
    record Group(String id, String title, int members) {
    }

    private final URI server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    BenchHttp(URI server) {
        String s = server.toString();
        this.server = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    URI server() {
        return server;
    }

    /** The id of the direct conversation between the token's user and {@code to}, made when missing. */
    String direct(String token, String to) {
        return call("POST", "/conversations/direct", token, Map.of("to", to)).path("id").asText();
    }

    String createGroup(String token, String title, List<String> members) {
        return call("POST", "/conversations", token, Map.of("title", title, "members", members)).path("id").asText();
    }

    List<Group> groups(String token) {
        List<Group> out = new ArrayList<>();
        for (JsonNode c : call("GET", "/conversations", token, null).path("conversations")) {
            if ("group".equals(c.path("kind").asText())) {
                out.add(new Group(c.path("id").asText(), c.path("title").asText(), c.path("members").size()));
            }
        }
        return out;
    }

    /** {@code GET /metrics} as Prometheus text; empty when the server does not answer it. */
    Optional<String> metrics() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.resolve("/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private JsonNode call(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json").method(method,
                        HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)));
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode answer = r.body().isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(r.body());
            if (r.statusCode() / 100 != 2) {
                JsonNode error = answer.path("error");
                throw new ApiException(r.statusCode(), error.path("code").asText("http_" + r.statusCode()),
                        error.path("message").asText(method + " " + path + " answered HTTP " + r.statusCode()));
            }
            return answer;
        } catch (IOException e) {
            throw new ServerUnreachableException(server, e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachableException(server, "interrupted", e);
        }
    }
}
