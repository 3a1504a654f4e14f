package org.urulink.cli;

import java.io.PrintWriter;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A long run's progress on stderr when it is a terminal: one line redrawn twice a second ("logging in 120/200",
 * "delivered 51,200/100,000  9,870 msg/s"). In a pipe or a file there is nothing, so {@code --json} output and
 * logs stay clean.
 */
final class BenchProgress implements AutoCloseable {
    private final PrintWriter err;
    private final OptionalInt columns;
    private final ScheduledExecutorService timer;
    private volatile Supplier<String> line = () -> "";
    private volatile boolean drawn;

    BenchProgress(PrintWriter err, OptionalInt columns) {
        this.err = err;
        this.columns = columns;
        this.timer = columns.isPresent() ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        }) : null;
        if (timer != null) {
            timer.scheduleAtFixedRate(this::draw, 500, 500, TimeUnit.MILLISECONDS);
        }
    }

    /** From now on, the line shows what {@code what} says. */
    void show(Supplier<String> what) {
        line = what;
    }

    private synchronized void draw() {
        String text = line.get();
        if (text.isEmpty()) {
            return;
        }
        int width = columns.getAsInt() - 1;
        String shown = text.length() > width ? text.substring(0, width) : text;
        err.print("\r" + shown + " ".repeat(Math.max(0, width - shown.length())) + "\r");
        err.flush();
        drawn = true;
    }

    /** Clears the line, so the table starts on a clean one. */
    @Override
    public synchronized void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        if (drawn) {
            err.print("\r" + " ".repeat(columns.getAsInt() - 1) + "\r");
            err.flush();
        }
    }
}
