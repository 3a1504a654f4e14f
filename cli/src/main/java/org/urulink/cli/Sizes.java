package org.urulink.cli;

/** Byte counts as people read them: {@code 512 B}, {@code 1.5 KiB}, {@code 200.0 MiB}. */
final class Sizes {
    private Sizes() {
    }

    static String human(long bytes) {
        return org.urulink.client.HumanSize.of(bytes);
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
