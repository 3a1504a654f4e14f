package org.urulink.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One bench session: a bare WebSocket with none of the client library's reconnecting, re-sending or
 * de-duplicating (the instrument must see exactly what the server sends). Sends never block the caller: they
 * queue and go out one after another, so an open-loop scheduler keeps its times even when the socket is slow.
 */
final class BenchSocket implements WebSocket.Listener {
    /** Called with each whole text frame and the {@link System#nanoTime()} it arrived at, on a network thread. */
    @FunctionalInterface
    interface Receiver {
        void onFrame(BenchSocket socket, String text, long arrivedNanos);
    }

    private final int index;
    private final Receiver receiver;
    private final CompletableFuture<BenchSocket> hello = new CompletableFuture<>();
    private final Queue<String> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket ws;
    private volatile boolean closed;

    private BenchSocket(int index, Receiver receiver) {
        this.index = index;
        this.receiver = receiver;
    }

    /** Opens a session with a bearer token; completes when the server's {@code hello} has arrived. */
    static CompletableFuture<BenchSocket> open(HttpClient http, URI ws, String token, int index, Receiver receiver,
                                               Duration timeout) {
        BenchSocket socket = new BenchSocket(index, receiver);
        http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(timeout)
                .buildAsync(ws, socket)
                .whenComplete((w, err) -> {
                    if (err != null) {
                        socket.hello.completeExceptionally(err);
                    }
                });
        return socket.hello.orTimeout(timeout.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Which session of the run this is (the scenario's numbering). */
    int index() {
        return index;
    }

    boolean isOpen() {
        return !closed;
    }

    /** Queues a text frame; frames go out in the order queued. */
    void send(String text) {
        queued.add(text);
        pump();
    }

    private void pump() {
        while (!queued.isEmpty() && sending.compareAndSet(false, true)) {
            String next = queued.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            ws.sendText(next, true).whenComplete((w, err) -> {
                if (err != null) {
                    closed = true;
                    queued.clear();
                }
                sending.set(false);
                pump();
            });
            return;
        }
    }

    void close() {
        WebSocket w = ws;
        if (w != null && !closed) {
            closed = true;
            w.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").exceptionally(e -> null);
        }
    }

    void abort() {
        closed = true;
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        ws = webSocket;
        // Every frame is handled before this callback returns, so the socket may deliver as fast as it reads.
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        if (!last || !partial.isEmpty()) {
            partial.append(data);
            if (!last) {
                return null;
            }
            data = partial.toString();
            partial.setLength(0);
        }
        String text = data.toString();
        if (!hello.isDone()) {
            if ("hello".equals(BenchFrames.type(text))) {
                hello.complete(this);
            }
            return null;
        }
        receiver.onFrame(this, text, now);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        hello.completeExceptionally(new IllegalStateException("closed by the server: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = true;
        hello.completeExceptionally(error);
    }
}
