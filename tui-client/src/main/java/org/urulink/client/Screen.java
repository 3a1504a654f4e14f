package org.urulink.client;

import java.util.List;
import java.util.stream.Collectors;

import org.jline.utils.AttributedString;

/**
 * One drawn screen: exactly as many rows as the terminal has, none wider than it, where the cursor goes, and what
 * the layout found out (the top of the loaded messages is in view: load older ones; how far one can scroll).
 */
record Screen(List<AttributedString> lines, int cursorRow, int cursorCol, boolean wantsOlder, int maxScroll) {

    /** The rows as plain text, for tests and logs. */
    String text() {
        return lines.stream().map(AttributedString::toString).map(String::stripTrailing)
                .collect(Collectors.joining("\n"));
    }
}
