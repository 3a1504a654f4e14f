package org.urulink.protocol;

/** A frame that cannot be handled; carries the code and, when known, the frame's client_id or ref. */
public class FrameException extends RuntimeException {
    private final ErrorCode code;
    private final String ref;

    public FrameException(ErrorCode code, String message, String ref) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    /** The client_id or ref of the offending frame, or null. */
    public String ref() {
        return ref;
    }

    /** The {@code error} frame that tells the client. */
    public Frame.Error toFrame() {
        return new Frame.Error(code.wire(), getMessage(), ref);
    }
}
