package org.urulink.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part as it streams in: each part's bytes are read
 * from {@link Part#body()} through a fixed buffer, so a large file is never held in memory. Reading the next part
 * skips what is left of the current one.
 */
final class MultipartReader {
    /** The body is not a well-formed multipart form. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message, null);
        }
    }

    /** One part: its headers (names in lowercase) and its bytes, readable once, before the next part. */
    record Part(Map<String, String> headers, InputStream body) {
        /** A Content-Disposition parameter such as {@code name} or {@code filename}. */
        Optional<String> disposition(String parameter) {
            return HeaderParams.parameter(headers.getOrDefault("content-disposition", ""), parameter);
        }

        Optional<String> contentType() {
            return Optional.ofNullable(headers.get("content-type"));
        }
    }

    private static final int MAX_HEADERS = 16 * 1024;
    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf = new byte[64 * 1024];
    private int start;
    private int end;
    private boolean eof;
    private boolean done;
    private boolean malformed;
    private PartBody current;

    /** {@code boundary} from the request's {@code Content-Type}; see {@link #boundary(String)}. */
    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The first delimiter may open the body without a line break before it.
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
        current = new PartBody();
    }

    /** The boundary of a {@code multipart/form-data} content type, or empty when it is not one. */
    static Optional<String> boundary(String contentType) {
        if (!contentType.toLowerCase(Locale.ROOT).strip().startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        return HeaderParams.parameter(contentType, "boundary")
                .filter(b -> !b.isEmpty() && b.length() <= 70);
    }

    /**
     * True once the body turned out not to be a form. A part's bytes may be read by code that wraps the
     * {@link Malformed} it got into another exception; this tells the caller what really happened.
     */
    boolean malformed() {
        return malformed;
    }

    private Malformed malformed(String message) {
        malformed = true;
        return new Malformed(message);
    }

    /** The next part, or empty after the closing delimiter. */
    Optional<Part> next() throws IOException {
        if (done) {
            return Optional.empty();
        }
        current.skipRest();
        if (startsWith("--")) {
            done = true;
            return Optional.empty();
        }
        Map<String, String> headers = headers();
        current = new PartBody();
        return Optional.of(new Part(headers, current));
    }

    private boolean startsWith(String s) throws IOException {
        fill(s.length());
        if (end - start < s.length()) {
            throw malformed("the form ends without its closing boundary");
        }
        return new String(buf, start, s.length(), StandardCharsets.ISO_8859_1).equals(s);
    }

    /** The header lines after a delimiter, up to the blank line. */
    private Map<String, String> headers() throws IOException {
        Map<String, String> headers = new HashMap<>();
        String line = line();
        if (!line.isBlank()) {
            // Only transport padding may follow a delimiter on its line.
            throw malformed("unexpected text after a boundary");
        }
        int total = 0;
        while (!(line = line()).isEmpty()) {
            total += line.length();
            int colon = line.indexOf(':');
            if (colon <= 0 || total > MAX_HEADERS) {
                throw malformed("a part's headers are not valid");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return headers;
    }

    /** One CRLF-terminated line, without the CRLF; UTF-8, as browsers send file names. */
    private String line() throws IOException {
        for (int scanned = 0; ; ) {
            for (int i = start + scanned; i + 1 < end; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String s = new String(buf, start, i - start, StandardCharsets.UTF_8);
                    start = i + 2;
                    return s;
                }
            }
            scanned = Math.max(0, end - start - 1);
            if (scanned >= MAX_HEADERS || !fill(end - start + 1)) {
                throw malformed("a part's headers are too long or cut short");
            }
        }
    }

    /** Tries to hold at least {@code want} bytes from {@code start}; false when the stream ended first. */
    private boolean fill(int want) throws IOException {
        if (end - start >= want) {
            return true;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end < want && end < buf.length && !eof) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
        return end - start >= want;
    }

    /** Where the delimiter starts in the buffered bytes, or -1. */
    private int find() {
        outer:
        for (int i = start; i <= end - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A part's bytes: everything up to the next delimiter, which it consumes when it reaches it. */
    private final class PartBody extends InputStream {
        private boolean finished;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (finished || current != this) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int at = find();
                if (at == start) {
                    start += delimiter.length;
                    finished = true;
                    return -1;
                }
                // Bytes before a delimiter, or that cannot begin one, belong to this part.
                int safe = at >= 0 ? at - start : end - start - (delimiter.length - 1);
                if (safe > 0) {
                    int n = Math.min(len, safe);
                    System.arraycopy(buf, start, b, off, n);
                    start += n;
                    return n;
                }
                if (!fill(end - start + 1)) {
                    throw malformed("the form ends inside a part");
                }
            }
        }

        void skipRest() throws IOException {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // Discarded: a part nobody asked for.
            }
        }
    }
}
