package org.urulink.client;

/**
 * The server refused a call: the HTTP status (0 for a refusal that came over the WebSocket) and the
 * error body's {@code code} and {@code message} (see docs/protocol.md, "Errors").
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** The wire error code, e.g. {@code username_taken}; {@code http_<status>} when the body had none. */
    public String code() {
        return code;
    }

    public boolean is(String wireCode) {
        return code.equals(wireCode);
    }

    @Override
    public String toString() {
        return "ApiException[" + status + " " + code + ": " + getMessage() + "]";
    }
}
