package org.urulink.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything logged in this JVM while open, at every level down to FINEST, as the text an operator's log would
 * hold. The server's System.Logger and Helidon both end in java.util.logging, so the root logger sees it all.
 * The usual console handlers are detached meanwhile: at ALL they would flood the test output.
 */
final class LogCapture implements AutoCloseable {
    /** One captured record: its level and everything a log file could show of it. */
    record Entry(Level level, String logger, String text) {
    }

    /** A row of the hex dumps Helidon logs wire bytes in: {@code |00000010| 0a 44 61 ... |.Da...|}. */
    private static final Pattern DUMP_ROW = Pattern.compile("^\\|[0-9a-f]{8}\\|((?: [0-9a-f]{2})+)", Pattern.MULTILINE);

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Level rootLevel = root.getLevel();
    private final Handler[] rootHandlers = root.getHandlers();
    /** Loggers given their own level (by a config file or a library), held so they are not collected meanwhile. */
    private final Map<Logger, Level> ownLevels = new HashMap<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            // Formatted now: a parameter may change (or a token be cleared) after the call returns.
            entries.add(new Entry(r.getLevel(), r.getLoggerName(), text(formatter, r)));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        for (String name : Collections.list(LogManager.getLogManager().getLoggerNames())) {
            Logger logger = LogManager.getLogManager().getLogger(name);
            if (logger != null && logger != root && logger.getLevel() != null) {
                ownLevels.put(logger, logger.getLevel());
                logger.setLevel(Level.ALL);
            }
        }
        for (Handler h : rootHandlers) {
            root.removeHandler(h);
        }
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.ALL);
    }

    /** Starts capturing; close to put the logging configuration back as it was. */
    static LogCapture everything() {
        return new LogCapture();
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * The formatted line with its exception's stack trace (every cause's message), plus the raw message and each
     * parameter: a secret passed as a parameter the pattern does not use is still in the record.
     */
    private static String text(SimpleFormatter formatter, LogRecord r) {
        StringBuilder b = new StringBuilder(formatter.format(r)).append(r.getMessage());
        if (r.getParameters() != null) {
            for (Object p : r.getParameters()) {
                b.append('\n').append(p);
            }
        }
        if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            b.append('\n').append(trace);
        }
        return b.append('\n').append(dumpedBytes(b)).toString();
    }

    /**
     * The bytes of every hex dump in the text, decoded: the dump's own text column wraps every 16 bytes, so a
     * token in it would not be found by searching the line as written.
     */
    private static String dumpedBytes(CharSequence text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Matcher row = DUMP_ROW.matcher(text);
        while (row.find()) {
            for (String hex : row.group(1).trim().split(" ")) {
                bytes.write(Integer.parseInt(hex, 16));
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        for (Handler h : rootHandlers) {
            root.addHandler(h);
        }
        root.setLevel(rootLevel);
        ownLevels.forEach(Logger::setLevel);
    }
}
