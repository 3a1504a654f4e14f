package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.urulink.server.Check;

/** How checks are printed: ✓, ! with its fix, ✗ with its fix; a warning passes. No services. */
class CheckLinesTest {
    @Test
    void aWarningIsAnExclamationLineWithItsFixAndStillPasses() {
        StringWriter text = new StringWriter();
        CheckLines lines = new CheckLines(new PrintWriter(text));
        assertTrue(lines.all(List.of(Check.passed("config", "loads"),
                Check.warning("PostgreSQL autovacuum", "is off: stale statistics", "turn it on"))));
        assertFalse(lines.anyFailed());
        assertEquals("""
                ✓ config             loads
                ! PostgreSQL autovacuum is off: stale statistics
                                     fix: turn it on
                """, text.toString().replace("\r\n", "\n"));
        assertEquals("All 2 checks passed, 1 with a warning (!).", lines.summary());
    }

    @Test
    void aFailureStillFailsBesideAWarning() {
        CheckLines lines = new CheckLines(new PrintWriter(new StringWriter()));
        assertFalse(lines.all(List.of(Check.warning("a", "b", "c"), Check.failed("d", "e", "f"))));
        assertTrue(lines.anyFailed());
        assertEquals("1 of 2 checks failed and 1 warned (!).", lines.summary());
    }
}
