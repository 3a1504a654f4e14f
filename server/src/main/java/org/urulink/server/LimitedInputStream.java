package org.urulink.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * At most {@code limit} bytes of another stream. Reading past the limit either ends the stream (a range of a
 * file) or, with {@code refuseMore}, throws {@link TooLong} (an upload longer than it was declared).
 */
final class LimitedInputStream extends FilterInputStream {
    /** The stream held more bytes than allowed. */
    static final class TooLong extends IOException {
        TooLong() {
            super("more bytes than allowed", null);
        }
    }

    private final boolean refuseMore;
    private final long limit;
    private long remaining;

    LimitedInputStream(InputStream in, long limit, boolean refuseMore) {
        super(in);
        this.limit = limit;
        this.remaining = limit;
        this.refuseMore = refuseMore;
    }

    /** How many bytes were read (or skipped) so far. */
    long count() {
        return limit - remaining;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            // One more byte read tells "exactly at the limit" from "over it".
            if (refuseMore && len > 0 && in.read() >= 0) {
                throw new TooLong();
            }
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, Math.max(remaining, 0)));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), Math.max(remaining, 0));
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
