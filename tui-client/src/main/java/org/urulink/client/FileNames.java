package org.urulink.client;

import java.net.URLConnection;
import java.nio.file.Path;
import java.util.Locale;

/** File names that come from elsewhere, made safe to save under; and media types guessed from names. */
public final class FileNames {
    static final int MAX_NAME = 255;
    static final String DEFAULT_TYPE = "application/octet-stream";

    private FileNames() {
    }

    /**
     * {@code name} as a plain file name in a directory we choose: the last path part only (a name like
     * {@code ../../.bashrc} must not climb or hide), no control or bidi-format characters (which can disguise
     * an extension), no leading dots, at most {@value #MAX_NAME} characters. {@code fallback} when nothing is left.
     */
    public static String safe(String name, String fallback) {
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder visible = new StringBuilder();
        last.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(visible::appendCodePoint);
        StringBuilder out = new StringBuilder();
        visible.toString().replaceFirst("^[.\\s]+", "").strip().codePoints()
                .limit(MAX_NAME)
                .forEach(out::appendCodePoint);
        return out.isEmpty() ? fallback : out.toString();
    }

    /** The media type for {@code file}'s name ({@code photo.JPG} is {@code image/jpeg}); octet-stream if unknown. */
    public static String contentType(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        String guess = URLConnection.guessContentTypeFromName(name);
        return guess == null || guess.isBlank() ? DEFAULT_TYPE : guess;
    }
}
