package org.urulink.server;

/**
 * A shared backend could not be used; the message names the backend, the setting and what to check, and
 * never holds a password.
 */
public final class BackendException extends RuntimeException {
    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
