package org.urulink.server;

import java.util.Locale;
import java.util.regex.Pattern;

/** What the uploader says about a file, made safe to show and to hand to other clients. */
final class FileNames {
    static final int MAX_NAME = 255;
    static final String DEFAULT_TYPE = "application/octet-stream";
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;[ -~]*)?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private FileNames() {
    }

    /**
     * The last path part only (clients save files by this name: {@code ../../etc/passwd} must not climb), without
     * control or bidi-format characters (which can hide the real extension), at most {@value #MAX_NAME} code points.
     */
    static String sanitize(String name) {
        String raw = name == null ? "" : name;
        String last = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder();
        last.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .limit(MAX_NAME)
                .forEach(out::appendCodePoint);
        String clean = out.toString().strip();
        return clean.isEmpty() || clean.equals(".") || clean.equals("..") ? "file" : clean;
    }

    static String contentType(String type) {
        if (type == null || type.isBlank()) {
            return DEFAULT_TYPE;
        }
        String t = type.strip();
        if (t.length() > 200 || !TYPE.matcher(t).matches()) {
            throw ChatException.invalid("content_type must be a media type such as text/plain");
        }
        return t.toLowerCase(Locale.ROOT);
    }

    /** The declared digest in lowercase hex, or null when none was given. */
    static String sha256(String sha) {
        if (sha == null || sha.isBlank()) {
            return null;
        }
        if (!SHA256.matcher(sha.strip()).matches()) {
            throw ChatException.invalid("sha256 must be 64 hex digits");
        }
        return sha.strip().toLowerCase(Locale.ROOT);
    }
}
