package org.urulink.server;

import java.util.concurrent.CompletableFuture;

import org.urulink.protocol.Frame;

/** An open WebSocket session as delivery sees it. */
interface ClientSession {
    String id();

    String userId();

    /** The login whose access token opened (or last renewed) this session. */
    String loginId();

    /**
     * Queues a frame for this session; never blocks. {@code json} is the frame already encoded, shared by
     * every native session it goes to.
     */
    void deliver(Frame frame, String json);

    /** Closes after the frames queued so far; completes once the close frame has gone to the socket. */
    CompletableFuture<Void> close(int code, String reason);

    /** Frames for this session may have been lost between nodes: have the client catch up from the store. */
    void resync();

    /**
     * Whether the connection under this session ended without the session being told: the web server gives its
     * listener no word when a client's TCP connection ends without a WebSocket close (a crashed client).
     */
    default boolean vanished() {
        return false;
    }

    /** Takes the session out of the local sessions and presence; once, however often it is called. */
    default void forget() {
    }
}
