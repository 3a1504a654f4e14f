package org.urulink.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.urulink.protocol.ErrorCode;
import org.urulink.protocol.Frame;

/**
 * The outbox: sends the server has not acked yet, in the order they were made, keyed by {@code client_id}.
 * They are written again after every reconnect; the server answers a repeated {@code client_id} with the
 * first ack and stores nothing new. Not thread-safe: {@link ChatSocket} guards it.
 */
final class PendingSends {
    private record Pending(Frame.Send frame, CompletableFuture<Frame.Ack> acked) {
    }

    private final Map<String, Pending> byClientId = new LinkedHashMap<>();

    /** Queues {@code frame}; the answer completes with its ack. A repeated client_id shares the first answer. */
    CompletableFuture<Frame.Ack> add(Frame.Send frame) {
        Pending known = byClientId.get(frame.clientId());
        if (known != null) {
            return known.acked();
        }
        CompletableFuture<Frame.Ack> acked = new CompletableFuture<>();
        byClientId.put(frame.clientId(), new Pending(frame, acked));
        return acked;
    }

    /** What to write after a (re)connect, oldest first. */
    List<Frame.Send> frames() {
        return byClientId.values().stream().map(Pending::frame).toList();
    }

    void acked(Frame.Ack ack) {
        Pending p = byClientId.remove(ack.clientId());
        if (p != null) {
            p.acked().complete(ack);
        }
    }

    /** An {@code error} about one of ours (by {@code ref}) fails that send: resending would not help. */
    void refused(Frame.Error error) {
        Pending p = error.ref() == null ? null : byClientId.remove(error.ref());
        if (p != null) {
            p.acked().completeExceptionally(new ApiException(status(error.code()), error.code(), error.message()));
        }
    }

    /** Fails every pending send (the socket closed for good). */
    void abandon(RuntimeException why) {
        List<Pending> all = new ArrayList<>(byClientId.values());
        byClientId.clear();
        all.forEach(p -> p.acked().completeExceptionally(why));
    }

    int size() {
        return byClientId.size();
    }

    private static int status(String code) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.wire().equals(code)) {
                return c.httpStatus();
            }
        }
        return 0;
    }
}
