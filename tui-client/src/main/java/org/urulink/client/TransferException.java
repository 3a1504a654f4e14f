package org.urulink.client;

/**
 * An upload or download started but did not end with the right bytes: the connection broke part way, or what
 * arrived does not match the file's size or digest. The message says what to do (usually: run it again; a
 * download then resumes from its {@code .part} file).
 */
public class TransferException extends RuntimeException {
    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransferException(String message) {
        super(message);
    }
}
