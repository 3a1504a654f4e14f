package org.urulink.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.urulink.server.Check;

/**
 * Prints checks as they finish, one ✓, ! or ✗ line each, with the fix under a ✗ or !; counts the failures and the
 * warnings. A warning (!) passed: it is counted apart but never makes the run fail.
 */
final class CheckLines implements Consumer<Check> {
    private final PrintWriter out;
    private final List<Check> failed = new ArrayList<>();
    private int warned;
    private int count;

    CheckLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(Check c) {
        count++;
        String mark = switch (c.state()) {
            case PASSED -> "✓";
            case WARNING -> "!";
            case FAILED -> "✗";
        };
        out.printf("%s %-18s %s%n", mark, c.name(), c.detail());
        if (!c.ok()) {
            failed.add(c);
        } else if (c.warns()) {
            warned++;
        }
        if (!c.fix().isEmpty() && c.state() != Check.State.PASSED) {
            out.printf("  %-18s fix: %s%n", "", c.fix());
        }
        out.flush();
    }

    /** Prints every check of {@code checks}; true when all passed (warnings pass). */
    boolean all(List<Check> checks) {
        int before = failed.size();
        checks.forEach(this);
        return failed.size() == before;
    }

    boolean anyFailed() {
        return !failed.isEmpty();
    }

    /** "All 7 checks passed.", "All 8 checks passed, 1 with a warning (!)." or "2 of 7 checks failed." */
    String summary() {
        if (failed.isEmpty()) {
            return "All " + count + " checks passed" + (warned == 0 ? "" : ", " + warned + " with a warning (!)") + ".";
        }
        return failed.size() + " of " + count + " checks failed" + (warned == 0 ? "" : " and " + warned + " warned (!)")
                + ".";
    }
}
