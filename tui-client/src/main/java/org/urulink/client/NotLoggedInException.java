package org.urulink.client;

/** No stored login, or the stored login was revoked or ran out: the user must log in again. */
public class NotLoggedInException extends RuntimeException {
    public NotLoggedInException(String message) {
        super(message, null, false, false);
    }
}
