package org.urulink.client;

import java.net.URI;

/** The server could not be reached at all (refused, unknown host, timed out): nothing was said to it. */
public class ServerUnreachableException extends RuntimeException {
    private final URI server;
    private final String reason;

    public ServerUnreachableException(URI server, String reason, Throwable cause) {
        super("cannot reach the server at " + server + " (" + reason + ")", cause);
        this.server = server;
        this.reason = reason;
    }

    public URI server() {
        return server;
    }

    /** A short human reason such as {@code connection refused}. */
    public String reason() {
        return reason;
    }
}
