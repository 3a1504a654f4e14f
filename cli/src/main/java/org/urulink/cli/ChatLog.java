package org.urulink.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Logging of the full-screen chat: to a file, never to the terminal, where a line would scribble over the
 * screen. Our lines at INFO, libraries only when something is wrong; an unwritable file means no log at all.
 */
final class ChatLog {
    private ChatLog() {
    }

    static void toFile(Path file) {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return; // the user chose their own logging
        }
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        Logger.getLogger("org.urulink").setLevel(Level.INFO);
        try {
            Files.createDirectories(file.getParent());
            Handler handler = new FileHandler(file.toString(), 1 << 20, 1, true);
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$-7s %3$s: %5$s%6$s%n");
            handler.setFormatter(new SimpleFormatter());
            root.addHandler(handler);
        } catch (IOException | SecurityException e) {
            // No log then; the chat itself still works.
        }
    }
}
