package org.urulink.client;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

/**
 * The {@code java.net.http} listener of one connection attempt: joins a text frame's parts, asks for the next one,
 * and hands what happens to its {@link ChatSocket} with the attempt's generation, so events from an older
 * connection are ignored there.
 */
final class SocketHandler implements WebSocket.Listener {
    private final ChatSocket owner;
    private final int gen;
    private final StringBuilder partial = new StringBuilder();

    SocketHandler(ChatSocket owner, int gen) {
        this.owner = owner;
        this.gen = gen;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        owner.onOpen(gen, webSocket);
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            owner.onText(gen, text);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        owner.onClose(gen, statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        owner.onError(gen, error);
    }
}
