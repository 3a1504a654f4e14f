package org.urulink.cli;

import java.util.OptionalInt;

import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/** Whether standard error is a terminal, and its width: progress bars are drawn there, never into a pipe or file. */
@FunctionalInterface
public interface StderrTerminal {
    /** Stderr is never a terminal (tests, scripts). */
    StderrTerminal NONE = OptionalInt::empty;

    int DEFAULT_COLUMNS = 80;

    /** The terminal's width in columns; empty when stderr is not a terminal. */
    OptionalInt columns();

    /**
     * Asks the operating system through JLine's native provider (the one the installed launcher enables).
     * Where it cannot answer, stderr counts as no terminal: a missing bar is better than one in a log file.
     */
    static OptionalInt detect() {
        try {
            TerminalProvider provider = TerminalProvider.load("jni");
            if (!provider.isSystemStream(SystemStream.Error)) {
                return OptionalInt.empty();
            }
            int width = provider.systemStreamWidth(SystemStream.Error);
            return OptionalInt.of(width > 0 ? width : DEFAULT_COLUMNS);
        } catch (Exception | LinkageError e) {
            return OptionalInt.empty();
        }
    }
}
