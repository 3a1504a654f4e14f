package org.urulink.server;

import java.lang.System.Logger.Level;

import org.urulink.protocol.ErrorCode;

/** One call to the S3 store, whose many checked failures all mean to a user: storage is unavailable now. */
@FunctionalInterface
interface S3Call<T> {
    T call() throws Exception;

    /**
     * Runs {@code call}. A {@link ChatException} passes through; a stream longer than allowed is
     * {@code too_large}; anything else is logged and answered {@code unavailable} (503).
     */
    static <T> T run(String what, S3Call<T> call) {
        try {
            return call.call();
        } catch (ChatException e) {
            throw e;
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof LimitedInputStream.TooLong) {
                    throw new ChatException(ErrorCode.TOO_LARGE, "the file is larger than the limit");
                }
            }
            // The client signs with a header, so no signature or secret is in what the exception says.
            System.getLogger(S3BlobStore.class.getName()).log(Level.WARNING, what + " in S3 failed", e);
            throw new ChatException(ErrorCode.UNAVAILABLE, "file storage is unavailable; try again");
        }
    }
}
