package org.urulink.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.urulink.protocol.Json;

/** A real WebSocket client (the JDK's) that records every text frame and the close code and reason. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    /** Every frame ever received, in arrival order (await takes from {@link #frames}, not from here). */
    private final List<JsonNode> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** Set before {@link #closed} completes, so it is there once {@link #awaitClose} returns. */
    private volatile String closeReason = "";
    private final StringBuilder partial = new StringBuilder();
    final WebSocket ws;

    private WsClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(b::header);
        this.ws = b.buildAsync(uri, this).join();
    }

    static WsClient open(TestServer server, String token) {
        return new WsClient(server.wsUri("/ws"), Map.of("Authorization", "Bearer " + token));
    }

    static WsClient open(URI uri, Map<String, String> headers) {
        return new WsClient(uri, headers);
    }

    /** Opens a native session and waits for its hello. */
    static WsClient ready(TestServer server, String token) {
        WsClient c = open(server, token);
        c.awaitType("hello");
        return c;
    }

    /** Opens a seed pair session the way the original clients did: bare {@code Authorization: <jwt>}. */
    static WsClient seed(TestServer server, String token, String receiverRef) {
        return new WsClient(server.wsUri("/ws?receiver_id=" + receiverRef), Map.of("Authorization", token));
    }

    /**
     * Tries an upgrade that should be refused; returns the HTTP status it got.
     *
     * @throws AssertionError when the upgrade succeeds
     */
    static int refusedStatus(URI uri, Map<String, String> headers) {
        WsClient opened;
        try {
            opened = new WsClient(uri, headers);
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw new AssertionError("upgrade failed without an HTTP answer", e);
        }
        opened.close();
        throw new AssertionError("the upgrade to " + uri + " was accepted");
    }

    void send(Object frame) {
        try {
            String text = frame instanceof String s ? s : Json.mapper().writeValueAsString(frame);
            ws.sendText(text, true).join();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a native {@code send} frame and returns its ack (or the error answering it). */
    JsonNode sendMessage(Map<String, Object> target, String clientId, String body) {
        var frame = new java.util.HashMap<String, Object>(target);
        frame.put("type", "send");
        frame.put("client_id", clientId);
        frame.put("body", body);
        send(frame);
        return await(f -> clientId.equals(f.path("client_id").asText()) && "ack".equals(f.path("type").asText())
                || clientId.equals(f.path("ref").asText()) && "error".equals(f.path("type").asText()));
    }

    /** The next frame matching {@code p}, skipping others; fails after 10 s. */
    JsonNode await(Predicate<JsonNode> p) {
        return await(p, 10_000);
    }

    JsonNode await(Predicate<JsonNode> p, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (System.nanoTime() < deadline) {
                JsonNode f = frames.poll(20, TimeUnit.MILLISECONDS);
                if (f != null && p.test(f)) {
                    return f;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no matching frame within " + millis + " ms");
    }

    JsonNode awaitType(String type) {
        return await(f -> type.equals(f.path("type").asText()));
    }

    /** The next {@code n} frames of the given type, in arrival order. */
    List<JsonNode> awaitTypes(String type, int n) {
        List<JsonNode> out = new ArrayList<>();
        while (out.size() < n) {
            out.add(awaitType(type));
        }
        return out;
    }

    /** The frames of {@code type} received before {@code marker} (a frame an await returned), in order. */
    List<JsonNode> before(JsonNode marker, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : seen) {
            if (f == marker) {
                return out;
            }
            if (type.equals(f.path("type").asText())) {
                out.add(f);
            }
        }
        throw new AssertionError("marker frame was never received");
    }

    /** The frames of {@code type} received between two markers (exclusive), in order. */
    List<JsonNode> between(JsonNode from, JsonNode to, String type) {
        List<JsonNode> all = before(to, type);
        int skip = before(from, type).size();
        return all.subList(skip, all.size());
    }

    /**
     * Waits until messages with {@code n} different seqs were received (duplicates do not count, so a frame seen
     * twice cannot end the wait early); returns every message frame received.
     */
    List<JsonNode> receivedDistinctSeqs(int n, long millis) {
        return receivedUntil("message", got -> got.stream().map(f -> f.path("seq").asLong()).distinct().count() >= n,
                millis);
    }

    /** Waits until {@code n} frames of {@code type} were received in all (taken by an await or not); returns them. */
    List<JsonNode> received(String type, int n, long millis) {
        return receivedUntil(type, got -> got.size() >= n, millis);
    }

    private List<JsonNode> receivedUntil(String type, Predicate<List<JsonNode>> done, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            List<JsonNode> got = seen.stream().filter(f -> type.equals(f.path("type").asText())).toList();
            if (done.test(got) || System.nanoTime() > deadline) {
                return got;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return got;
            }
        }
    }

    /** Every frame that arrives within {@code millis}. */
    List<JsonNode> drain(long millis) {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (System.nanoTime() < deadline) {
                JsonNode f = frames.poll(20, TimeUnit.MILLISECONDS);
                if (f != null) {
                    out.add(f);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** Frames of {@code type} that arrive within {@code millis}. */
    List<JsonNode> drainType(String type, long millis) {
        return drain(millis).stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    /** The close code the server sent; fails after {@code seconds}. */
    int awaitClose(long seconds) {
        try {
            return closed.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the session was not closed within " + seconds + " s");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reason the server gave with its close frame; empty when none came (yet). */
    String closeReason() {
        return closeReason;
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode frame;
            try {
                frame = Json.mapper().readTree(partial.toString());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                frame = Json.mapper().createObjectNode().put("unparsable", partial.toString());
            }
            seen.add(frame);
            frames.add(frame);
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            } catch (RuntimeException ignored) {
                // already gone
            }
            ws.abort();
        }
    }
}
