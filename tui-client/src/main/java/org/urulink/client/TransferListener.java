package org.urulink.client;

/**
 * Hears how far an upload or download has come, e.g. to draw a progress bar. Calls come one at a time but
 * possibly from the HTTP client's threads, and often (every few KiB): keep them cheap.
 */
public interface TransferListener {
    /** Does nothing. */
    TransferListener NONE = (done, total) -> {
    };

    /**
     * Once, before the first byte moves. {@code offset} bytes are in place already: non-zero when a download
     * resumes from its {@code .part} file, so only {@code total - offset} bytes cross the network.
     */
    default void started(long offset, long total) {
    }

    /** {@code done} of {@code total} bytes are in place (on the server for uploads, on disk for downloads). */
    void progress(long done, long total);
}
