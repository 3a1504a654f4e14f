package org.urulink.server;

import java.net.URI;

/** A running urulink server. Build one with {@link #start(ServerConfig)}; close it to stop. */
public final class ChatServer implements AutoCloseable {

    /** Starts a server on the embedded backends described by {@code config}. */
    public static ChatServer start(ServerConfig config) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The port it listens on (useful when the config asked for port 0). */
    public int port() {
        throw new UnsupportedOperationException("not yet");
    }

    /** {@code http://host:port}. */
    public URI baseUri() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {
    }
}
