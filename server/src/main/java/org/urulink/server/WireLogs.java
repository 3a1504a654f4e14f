package org.urulink.server;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.webserver.http1.Http1Config;

/**
 * Keeps what crosses the wire out of the log. Turned up to debug, Helidon logs every request's headers and URL
 * (bearer tokens, {@code ?ticket=}), every response's bytes (the tokens a login answers) and every WebSocket
 * frame (an {@code auth} frame's token): whoever reads such a log could act as any user in it. Operators debug
 * with our own log lines and the metrics instead.
 */
final class WireLogs {
    /**
     * Helidon's WebSocket frame dumps (at debug and trace level), which no setting turns off. Held here:
     * java.util.logging keeps loggers weakly, and a logger collected and made again would come back unfiltered.
     */
    private static final List<Logger> FRAME_DUMPS = List.of(
            Logger.getLogger("io.helidon.webserver.websocket.WsConnection"),
            Logger.getLogger("io.helidon.websocket.ClientWsFrame"));

    private WireLogs() {
    }

    /** HTTP/1 without the listeners that log headers and bytes sent and received. */
    static Http1Config http1() {
        return Http1Config.builder().receiveLog(false).sendLog(false).build();
    }

    /**
     * Drops the WebSocket frame dumps whatever level the logging config asks for, keeping these loggers' warnings
     * and errors. A filter, not a level: a logging config read later resets levels but leaves filters alone.
     */
    static void dropFrameDumps() {
        FRAME_DUMPS.forEach(logger -> logger.setFilter(r -> r.getLevel().intValue() >= Level.INFO.intValue()));
    }
}
