package org.urulink.cli;

import java.io.IOException;
import java.io.Writer;

/**
 * A run's per-message times as CSV, for {@code --samples}: what the percentiles hide — when in the run the slow
 * messages were, and whether they came alone or all at once (a pause of the server's) — can be plotted from it.
 */
@FunctionalInterface
interface BenchSamples {
    /** The connections scenario sends no messages. */
    BenchSamples NONE = out -> {
    };

    /** The header: a message's number, its (scheduled) send time from the run's first, its latency, warm-up or not. */
    String HEADER = "message,sent_us,latency_us,warmup\n";

    void write(Writer out) throws IOException;
}
