package org.urulink.cli;

import java.util.Arrays;

/**
 * p50, p99, p99.9 and max of a set of durations, in microseconds, by the nearest-rank method over the sorted
 * samples. Exact, and at a few million samples (8 bytes each) cheaper than a dependency: HdrHistogram would only
 * pay off for runs far longer than the bench makes.
 *
 * @param count how many samples there were; the figures are empty when none
 */
record Percentiles(int count, long p50, long p99, long p999, long max) {
    static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0);

    /** From the first {@code n} of {@code nanos}. */
    static Percentiles of(long[] nanos, int n) {
        if (n <= 0) {
            return NONE;
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return new Percentiles(n, micros(rank(sorted, 0.50)), micros(rank(sorted, 0.99)), micros(rank(sorted, 0.999)),
                micros(sorted[n - 1]));
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The smallest sample with at least {@code q} of all samples at or below it. */
    private static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long micros(long nanos) {
        return Math.max(0, nanos) / 1_000;
    }
}
