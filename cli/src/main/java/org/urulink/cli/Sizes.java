package org.urulink.cli;

import java.util.Locale;

/** Byte counts as people read them: {@code 512 B}, {@code 1.5 KiB}, {@code 200.0 MiB}. */
final class Sizes {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private Sizes() {
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** The unit a progress bar counts in for a transfer of {@code total} bytes, and its size. */
    static Unit unitFor(long total) {
        if (total >= 1L << 30) {
            return new Unit("GiB", 1L << 30);
        }
        return total >= 1L << 20 ? new Unit("MiB", 1L << 20) : new Unit("KiB", 1L << 10);
    }

    record Unit(String name, long size) {
    }
}
