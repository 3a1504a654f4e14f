package org.urulink.cli;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import me.tongfei.progressbar.DefaultProgressBarRenderer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;

/**
 * progressbar's layout with byte counts to one decimal ({@code 1.2/2.0 MiB} rather than {@code 1/2 MiB}) and a
 * rate and time left measured in milliseconds, so short transfers show them too.
 */
final class TransferRenderer extends DefaultProgressBarRenderer {
    private final Sizes.Unit unit;

    TransferRenderer(Sizes.Unit unit) {
        super(ProgressBarStyle.ASCII, " " + unit.name(), unit.size(), true, null, ChronoUnit.SECONDS, true,
                TransferRenderer::eta);
        this.unit = unit;
    }

    @Override
    protected String ratio(ProgressState state) {
        return inUnit(state.getCurrent()) + "/" + inUnit(state.getMax()) + " " + unit.name();
    }

    @Override
    protected String speed(ProgressState state) {
        return rate(state).map(r -> String.format(Locale.ROOT, "%.1f %s/s", r / unit.size(), unit.name()))
                .orElse("? " + unit.name() + "/s");
    }

    private String inUnit(long bytes) {
        return String.format(Locale.ROOT, "%.1f", (double) bytes / unit.size());
    }

    /** Bytes per second moved by this run (not counting what a resumed download already had). */
    private static Optional<Double> rate(ProgressState state) {
        long millis = state.getElapsedAfterStart().toMillis();
        long moved = state.getCurrent() - state.getStart();
        return millis <= 0 || moved <= 0 ? Optional.empty() : Optional.of(moved * 1000.0 / millis);
    }

    private static Optional<Duration> eta(ProgressState state) {
        long left = state.getMax() - state.getCurrent();
        return rate(state).map(r -> Duration.ofMillis((long) (left * 1000 / r)));
    }
}
