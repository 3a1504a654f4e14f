package org.urulink.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A file on this machine cannot be read or written; the message names it, as in {@code path: problem}. */
public class LocalFileException extends UncheckedIOException {
    private final Path path;

    public LocalFileException(Path path, String problem, IOException cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    public LocalFileException(Path path, String problem) {
        this(path, problem, new IOException(problem));
    }

    public Path path() {
        return path;
    }
}
