package org.urulink.server;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * A backend that could not be reached, and why in the operator's words: connection refused, unknown host, timed
 * out, no route. Found by walking an exception's causes, whichever client library threw it.
 *
 * @param reason e.g. {@code connection refused}
 * @param fix    what to change, naming the setting
 */
record Unreachable(String reason, String fix) {

    /**
     * @param what    the service, e.g. {@code Redis}
     * @param where   host and port, e.g. {@code cache:6379}
     * @param setting the setting that names it, e.g. {@code redis-url}
     */
    static Optional<Unreachable> of(Throwable e, String what, String where, String setting) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return Optional.of(new Unreachable("unknown host " + host(where),
                        "check the host name in " + setting + " (this machine's DNS does not know it)"));
            }
            // Netty's connect timeout is a ConnectException too, so timeouts are looked for first.
            if (t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return Optional.of(new Unreachable("timed out",
                        "check the host and port in " + setting + ", and that no firewall drops connections from "
                                + "this machine to " + where));
            }
            if (t instanceof NoRouteToHostException) {
                return Optional.of(new Unreachable("no route to host",
                        "check the host in " + setting + " and this machine's network"));
            }
            if (t instanceof ConnectException) {
                return Optional.of(new Unreachable("connection refused",
                        "start " + what + " on " + where + ", or correct the host and port in " + setting));
            }
        }
        return Optional.empty();
    }

    private static String host(String where) {
        int colon = where.lastIndexOf(':');
        return colon > 0 ? where.substring(0, colon) : where;
    }
}
