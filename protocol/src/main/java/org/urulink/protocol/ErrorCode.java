package org.urulink.protocol;

/** Error codes shared by WebSocket {@code error} frames and HTTP error bodies. */
public enum ErrorCode {
    BAD_JSON("bad_json", 400),
    UNKNOWN_TYPE("unknown_type", 400),
    MISSING_FIELD("missing_field", 400),
    INVALID("invalid", 400),
    TOO_LARGE("too_large", 413),
    /** A file's content type is not on the server's allow list ({@code file-types}). */
    UNSUPPORTED_TYPE("unsupported_type", 415),
    UNKNOWN_RECIPIENT("unknown_recipient", 404),
    NOT_MEMBER("not_member", 403),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not_found", 404),
    RATE_LIMITED("rate_limited", 429),
    UNAUTHORIZED("unauthorized", 401),
    INVALID_CREDENTIALS("invalid_credentials", 401),
    TOKEN_EXPIRED("token_expired", 401),
    USERNAME_TAKEN("username_taken", 409),
    INVALID_USERNAME("invalid_username", 400),
    WEAK_PASSWORD("weak_password", 400),
    SYNC_REQUIRED("sync_required", 409),
    UNAVAILABLE("unavailable", 503),
    INTERNAL("internal", 500);

    private final String wire;
    private final int httpStatus;

    ErrorCode(String wire, int httpStatus) {
        this.wire = wire;
        this.httpStatus = httpStatus;
    }

    /** The code as written on the wire. */
    public String wire() {
        return wire;
    }

    /** The HTTP status an HTTP call answers with for this code. */
    public int httpStatus() {
        return httpStatus;
    }
}
