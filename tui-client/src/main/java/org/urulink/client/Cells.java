package org.urulink.client;

import java.util.ArrayList;
import java.util.List;

import org.jline.utils.WCWidth;

/**
 * Text measured in terminal cells: wide characters (CJK, most emoji) take two, combining marks none. Everything
 * the chat draws goes through {@link #clean} first, so a message can never carry an escape sequence to the
 * terminal.
 */
final class Cells {
    private Cells() {
    }

    /**
     * {@code text} safe to print: tabs become spaces, other control and bidi-format characters become
     * {@code U+FFFD}, and so do lone surrogates; newlines stay when {@code keepNewlines}.
     */
    static String clean(String text, boolean keepNewlines) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n' && keepNewlines) {
                out.append('\n');
            } else if (cp == '\t') {
                out.append("    ");
            } else if (Character.isISOControl(cp) || bidi(cp) || Character.getType(cp) == Character.SURROGATE) {
                out.append('\uFFFD');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean bidi(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }

    static int width(int cp) {
        return Math.max(0, WCWidth.wcwidth(cp));
    }

    /** Columns {@code s} takes on screen. */
    static int columns(String s) {
        return s.codePoints().map(Cells::width).sum();
    }

    /** {@code s} cut to at most {@code width} columns, ending in {@code …} when something was cut. */
    static String fit(String s, int width) {
        if (width <= 0) {
            return "";
        }
        if (columns(s) <= width) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int w = width(cp);
            if (used + w > width - 1) {
                break;
            }
            out.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }

    /** {@code s} fitted to {@code width} columns and padded with spaces to exactly that. */
    static String pad(String s, int width) {
        String fitted = fit(s, width);
        return fitted + " ".repeat(Math.max(0, width - columns(fitted)));
    }

    /**
     * {@code text} broken into rows of at most {@code width} columns: at spaces where a row has one, else in the
     * middle of a word. Newlines start a new row. Never returns an empty list.
     */
    static List<String> wrap(String text, int width) {
        List<String> rows = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            wrapParagraph(paragraph, Math.max(1, width), rows);
        }
        return rows;
    }

    private static void wrapParagraph(String text, int width, List<String> rows) {
        StringBuilder row = new StringBuilder();
        int used = 0;
        int breakAt = -1; // index in row just after the last space
        int usedAtBreak = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int w = width(cp);
            if (used + w > width && used > 0) {
                if (cp == ' ') {
                    rows.add(row.toString());
                    row.setLength(0);
                    used = 0;
                    breakAt = -1;
                    continue; // the space that would overflow ends the row
                }
                if (breakAt > 0) {
                    String rest = row.substring(breakAt);
                    rows.add(row.substring(0, breakAt).stripTrailing());
                    row.setLength(0);
                    row.append(rest);
                    used -= usedAtBreak;
                } else {
                    rows.add(row.toString());
                    row.setLength(0);
                    used = 0;
                }
                breakAt = -1;
            }
            row.appendCodePoint(cp);
            used += w;
            if (cp == ' ') {
                breakAt = row.length();
                usedAtBreak = used;
            }
        }
        rows.add(row.toString());
    }
}
