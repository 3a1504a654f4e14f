package org.urulink.server;

/**
 * Counts a session's bad frames in a fixed window. Past the budget the session gets one {@code rate_limited}
 * answer and then silence until the window passes, so a flood costs the server almost nothing.
 */
final class ErrorBudget {
    static final int MAX_ERRORS = 20;
    static final long WINDOW_MILLIS = 10_000;

    enum Verdict { ANSWER, ANSWER_RATE_LIMITED, SILENT }

    private long windowStart;
    private int errors;

    synchronized Verdict next(long now) {
        if (now - windowStart >= WINDOW_MILLIS) {
            windowStart = now;
            errors = 0;
        }
        errors++;
        if (errors <= MAX_ERRORS) {
            return Verdict.ANSWER;
        }
        return errors == MAX_ERRORS + 1 ? Verdict.ANSWER_RATE_LIMITED : Verdict.SILENT;
    }

    /**
     * What to answer a bad frame with: {@code error} within the budget, {@code lastWord}'s frame for the first one
     * past it, nothing after that (a flood must not cost the server work).
     */
    <T> java.util.Optional<T> answer(long now, T error, java.util.function.Supplier<T> lastWord) {
        return switch (next(now)) {
            case ANSWER -> java.util.Optional.of(error);
            case ANSWER_RATE_LIMITED -> java.util.Optional.of(lastWord.get());
            case SILENT -> java.util.Optional.empty();
        };
    }
}
