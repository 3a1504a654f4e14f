package org.urulink.server;

import org.urulink.protocol.ErrorCode;

/** A refused request: the code picks the HTTP status or error frame, the message is shown to the user. */
class ChatException extends RuntimeException {
    private final ErrorCode code;

    ChatException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }

    static ChatException notFound(String what) {
        return new ChatException(ErrorCode.NOT_FOUND, what + " not found");
    }

    static ChatException invalid(String message) {
        return new ChatException(ErrorCode.INVALID, message);
    }
}
