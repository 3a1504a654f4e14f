package org.urulink.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The line being typed: text (which may hold newlines, from Alt+Enter), a cursor, and the history of what was
 * entered, walked with Up/Down. The cursor is an index into the text that never splits a surrogate pair.
 */
final class InputLine {
    private static final int HISTORY_SIZE = 200;

    private final StringBuilder text = new StringBuilder();
    private int cursor;
    private final List<String> history = new ArrayList<>();
    private int historyAt; // history.size() = the line being typed, not from history
    private String draft = "";

    String text() {
        return text.toString();
    }

    int cursor() {
        return cursor;
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    void insert(String s) {
        text.insert(cursor, s);
        cursor += s.length();
    }

    void backspace() {
        if (cursor > 0) {
            int start = text.offsetByCodePoints(cursor, -1);
            text.delete(start, cursor);
            cursor = start;
        }
    }

    void delete() {
        if (cursor < text.length()) {
            text.delete(cursor, text.offsetByCodePoints(cursor, 1));
        }
    }

    void left() {
        if (cursor > 0) {
            cursor = text.offsetByCodePoints(cursor, -1);
        }
    }

    void right() {
        if (cursor < text.length()) {
            cursor = text.offsetByCodePoints(cursor, 1);
        }
    }

    /** To the start of the current row of a multi-line text. */
    void home() {
        cursor = text.lastIndexOf("\n", cursor - 1) + 1;
    }

    void end() {
        int nl = text.indexOf("\n", cursor);
        cursor = nl < 0 ? text.length() : nl;
    }

    /** Ctrl+U: everything before the cursor. */
    void killBefore() {
        text.delete(0, cursor);
        cursor = 0;
    }

    /** Ctrl+K: everything after the cursor. */
    void killAfter() {
        text.setLength(cursor);
    }

    /** Ctrl+W: the word before the cursor (and the spaces after it). */
    void killWord() {
        int start = cursor;
        while (start > 0 && Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        text.delete(start, cursor);
        cursor = start;
    }

    /** Takes the text (for sending), remembers it in the history and starts an empty line. */
    String take() {
        String s = text.toString();
        if (!s.isBlank() && (history.isEmpty() || !history.getLast().equals(s))) {
            history.add(s);
            if (history.size() > HISTORY_SIZE) {
                history.removeFirst();
            }
        }
        clear();
        return s;
    }

    void clear() {
        text.setLength(0);
        cursor = 0;
        historyAt = history.size();
        draft = "";
    }

    /** Up: an earlier entry; what was being typed is kept and comes back with Down. */
    void previous() {
        if (historyAt == 0) {
            return;
        }
        if (historyAt == history.size()) {
            draft = text.toString();
        }
        show(history.get(--historyAt));
    }

    void next() {
        if (historyAt >= history.size()) {
            return;
        }
        historyAt++;
        show(historyAt == history.size() ? draft : history.get(historyAt));
    }

    private void show(String s) {
        text.setLength(0);
        text.append(s);
        cursor = text.length();
    }
}
