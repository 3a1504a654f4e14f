package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InputLineTest {
    @Test
    void backspaceRemovesAWholeEmoji() {
        InputLine in = new InputLine();
        in.insert("ok 👍");
        in.backspace();
        assertEquals("ok ", in.text());
        assertEquals(3, in.cursor());
    }

    @Test
    void editingInTheMiddle() {
        InputLine in = new InputLine();
        in.insert("helo");
        in.left();
        in.insert("l");
        assertEquals("hello", in.text());
        in.home();
        in.delete();
        assertEquals("ello", in.text());
        in.end();
        in.killWord();
        assertEquals("", in.text());
    }

    @Test
    void historyKeepsTheDraftAndSkipsRepeats() {
        InputLine in = new InputLine();
        in.insert("a");
        in.take();
        in.insert("b");
        in.take();
        in.insert("b");
        in.take();
        in.insert("draft");
        in.previous();
        assertEquals("b", in.text());
        in.previous();
        assertEquals("a", in.text());
        in.previous();
        assertEquals("a", in.text());
        in.next();
        in.next();
        assertEquals("draft", in.text());
    }

    @Test
    void homeAndEndStayOnTheCurrentRowOfAMultiLineText() {
        InputLine in = new InputLine();
        in.insert("first\nsecond");
        in.home();
        assertEquals(6, in.cursor());
        in.left();
        in.home();
        assertEquals(0, in.cursor());
        in.end();
        assertEquals(5, in.cursor());
    }
}
