package org.urulink.server;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One range of an HTTP {@code Range: bytes=...} header, so an interrupted download can resume. Several ranges
 * in one request are not supported: such a header is ignored and the whole object is sent, as RFC 9110 allows.
 */
record ByteRange(long first, long last) {
    private static final Pattern ONE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** Thrown for a range that lies past the end of the object (answered with 416). */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    /** The range asked for, clipped to the object; empty for no header or one this parser does not take. */
    static Optional<ByteRange> parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = ONE.matcher(header.get().strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(m.group(1), m.group(2), size));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ByteRange of(String from, String to, long size) {
        if (from.isEmpty()) {
            // "bytes=-n": the last n bytes.
            long n = Long.parseLong(to);
            if (n == 0 || size == 0) {
                throw new Unsatisfiable();
            }
            return new ByteRange(Math.max(0, size - n), size - 1);
        }
        long first = Long.parseLong(from);
        if (first >= size) {
            throw new Unsatisfiable();
        }
        long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
        if (last < first) {
            throw new Unsatisfiable();
        }
        return new ByteRange(first, last);
    }
}
