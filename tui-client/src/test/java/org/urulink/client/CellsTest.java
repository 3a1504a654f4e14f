package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CellsTest {
    @Test
    void wrapsAtSpacesWithinTheWidth() {
        assertEquals(List.of("the quick", "brown fox", "jumps"), Cells.wrap("the quick brown fox jumps", 10));
    }

    @Test
    void breaksAWordLongerThanTheRow() {
        assertEquals(List.of("abcdefgh", "ijkl"), Cells.wrap("abcdefghijkl", 8));
    }

    @Test
    void wideCharactersTakeTwoColumns() {
        List<String> rows = Cells.wrap("中文字符测试", 5);
        assertEquals(List.of("中文", "字符", "测试"), rows);
        assertEquals(4, Cells.columns("👍👍"));
        assertTrue(Cells.wrap("ok 👍👍👍 done", 6).stream().allMatch(r -> Cells.columns(r) <= 6));
    }

    @Test
    void newlinesStartNewRowsAndEmptyLinesStay() {
        assertEquals(List.of("one", "", "two"), Cells.wrap("one\n\ntwo", 20));
    }

    @Test
    void escapeSequencesInTextCannotReachTheTerminal() {
        String clean = Cells.clean("hi \033[2J\033]0;pwned\007 there\u202Egnp.exe", false);
        assertFalse(clean.chars().anyMatch(c -> c == 033 || c == 7 || c == 0x202E), clean);
        assertEquals("a    b", Cells.clean("a\tb", false));
        assertEquals("a\nb", Cells.clean("a\nb", true));
    }

    @Test
    void fitCutsWithAnEllipsisAndPadFillsExactly() {
        assertEquals("hello…", Cells.fit("hello world", 6));
        assertEquals("中…", Cells.fit("中文字", 4));
        assertEquals(7, Cells.columns(Cells.pad("中文", 7)));
    }
}
