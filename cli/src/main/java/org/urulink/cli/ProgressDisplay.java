package org.urulink.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.OptionalInt;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

import org.urulink.client.TransferListener;

/**
 * A transfer's progress bar (bytes, rate, time left) on stderr when it is a terminal; nothing at all in a pipe
 * or file, where the command prints one line when done instead.
 */
final class ProgressDisplay implements TransferListener, AutoCloseable {
    private final PrintWriter err;
    private final OptionalInt columns;
    private final String task;
    private ProgressBar bar;

    ProgressDisplay(CliContext ctx, PrintWriter err, String task) {
        this.err = err;
        this.columns = ctx.terminal().columns();
        this.task = task;
    }

    @Override
    public synchronized void started(long offset, long total) {
        if (columns.isEmpty()) {
            return;
        }
        close(); // a download that had to start over draws a new bar
        Sizes.Unit unit = Sizes.unitFor(total);
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                // Rate and time left count only what this run transfers, not what a resumed .part held.
                .startsFrom(offset, Duration.ZERO)
                .setRenderer(new TransferRenderer(unit))
                .setUpdateIntervalMillis(250)
                .setConsumer(new StderrLine(err, columns.getAsInt()))
                .build();
    }

    @Override
    public synchronized void progress(long done, long total) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /** Draws the final state and ends the line; the command's result line comes after it. */
    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** Redraws one line of stderr in place with a carriage return; the command's own writer, so tests see it. */
    private record StderrLine(PrintWriter err, int width) implements ProgressBarConsumer {
        @Override
        public int getMaxRenderedLength() {
            return width - 1; // the last column would wrap on some terminals
        }

        @Override
        public void accept(String rendered) {
            err.print("\r" + rendered);
            err.flush();
        }

        @Override
        public void close() {
            err.println();
            err.flush();
        }
    }
}
