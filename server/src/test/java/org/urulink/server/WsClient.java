package org.urulink.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.urulink.protocol.Json;

/** A real WebSocket client (the JDK's) that records every text frame and the close code. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
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
        c.await(f -> "hello".equals(f.path("type").asText()));
        return c;
    }

    void send(Object frame) {
        try {
            String text = frame instanceof String s ? s : Json.mapper().writeValueAsString(frame);
            ws.sendText(text, true).join();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next frame matching {@code p}, skipping others; fails after 10 s. */
    JsonNode await(Predicate<JsonNode> p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                JsonNode f = frames.poll(100, TimeUnit.MILLISECONDS);
                if (f != null && p.test(f)) {
                    return f;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no matching frame within 10 s");
    }

    JsonNode awaitType(String type) {
        return await(f -> type.equals(f.path("type").asText()));
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

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(Json.mapper().readTree(partial.toString()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                frames.add(Json.mapper().createObjectNode().put("unparsable", partial.toString()));
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
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
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            ws.abort();
        }
    }
}
