package org.urulink.cli;

import java.net.BindException;

import org.urulink.server.ServerConfig;

/** Turns a start-up failure into one sentence that says what to change. */
final class StartFailure {
    private StartFailure() {
    }

    /** Fails with a BindException before Helidon would log a stack trace for the same problem. */
    static void checkPortFree(ServerConfig config) {
        if (config.port() == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(config.host(), config.port()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String explain(Throwable e, ServerConfig config) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.urulink.server.BackendException) {
                return t.getMessage();
            }
            if (t instanceof BindException) {
                return "port " + config.port() + " on " + config.host() + " is in use or not allowed; "
                        + "choose another with --port or URULINK_PORT";
            }
            if (t instanceof java.nio.file.AccessDeniedException || t instanceof java.nio.file.FileSystemException) {
                return "cannot use the data directory " + config.dataDir() + " (" + t.getMessage()
                        + "); choose another with --data-dir or URULINK_DATA_DIR";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
