package org.urulink.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The input line laid out for the screen: {@code > } then the text, wrapped at the width (anywhere: it is being
 * edited), new rows at newlines, at most {@code maxRows} of them around the cursor.
 */
record InputRows(List<String> rows, int cursorRow, int cursorCol) {
    static final String PROMPT = "> ";
    static final String MORE = "  ";

    static InputRows of(InputLine input, int width, int maxRows) {
        String text = Cells.clean(input.text(), true);
        int cursor = Cells.clean(input.text().substring(0, input.cursor()), true).length();
        int room = Math.max(1, width - PROMPT.length());
        List<StringBuilder> rows = new ArrayList<>();
        rows.add(new StringBuilder(PROMPT));
        int col = 0;
        int cursorRow = 0;
        int cursorCol = PROMPT.length();
        for (int i = 0; i <= text.length(); ) {
            if (i == cursor) {
                if (col >= room) { // the cursor after a full row starts the next one
                    rows.add(new StringBuilder(MORE));
                    col = 0;
                }
                cursorRow = rows.size() - 1;
                cursorCol = PROMPT.length() + col;
            }
            if (i == text.length()) {
                break;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                rows.add(new StringBuilder(MORE));
                col = 0;
                continue;
            }
            int w = Cells.width(cp);
            if (col + w > room) {
                rows.add(new StringBuilder(MORE));
                col = 0;
            }
            rows.getLast().appendCodePoint(cp);
            col += w;
        }
        int first = Math.max(0, Math.min(cursorRow - maxRows + 1, rows.size() - maxRows));
        first = Math.max(0, Math.min(first, cursorRow));
        int last = Math.min(rows.size(), first + maxRows);
        List<String> shown = rows.subList(first, last).stream().map(StringBuilder::toString).toList();
        return new InputRows(shown, cursorRow - first, Math.min(cursorCol, Math.max(0, width - 1)));
    }
}
