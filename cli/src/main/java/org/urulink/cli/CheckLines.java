package org.urulink.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.urulink.server.Check;

/** Prints checks as they finish, one ✓ or ✗ line each, with the fix under a ✗; counts the failures. */
final class CheckLines implements Consumer<Check> {
    private final PrintWriter out;
    private final List<Check> failed = new ArrayList<>();
    private int count;

    CheckLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(Check c) {
        count++;
        out.printf("%s %-18s %s%n", c.ok() ? "✓" : "✗", c.name(), c.detail());
        if (!c.ok()) {
            failed.add(c);
            out.printf("  %-18s fix: %s%n", "", c.fix());
        }
        out.flush();
    }

    /** Prints every check of {@code checks}; true when all passed. */
    boolean all(List<Check> checks) {
        int before = failed.size();
        checks.forEach(this);
        return failed.size() == before;
    }

    boolean anyFailed() {
        return !failed.isEmpty();
    }

    /** "All 7 checks passed." or "2 of 7 checks failed." */
    String summary() {
        return failed.isEmpty() ? "All " + count + " checks passed." : failed.size() + " of " + count + " checks failed.";
    }
}
