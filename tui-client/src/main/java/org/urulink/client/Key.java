package org.urulink.client;

import org.jline.keymap.KeyMap;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/** What a key does in the chat. {@link #keyMap} binds the keys of a terminal (its own sequences and xterm's). */
enum Key {
    INSERT, ENTER, NEWLINE, BACKSPACE, DELETE, LEFT, RIGHT, HOME, END, UP, DOWN,
    KILL_BEFORE, KILL_AFTER, KILL_WORD, NEXT, PREVIOUS, PAGE_UP, PAGE_DOWN, HELP, ESCAPE, REDRAW,
    INTERRUPT, END_OF_INPUT, PASTE, IGNORE;

    /** Bracketed paste: what the terminal sends before and after pasted text. */
    static final String PASTE_START = "\033[200~";
    static final String PASTE_END = "\033[201~";

    static KeyMap<Key> keyMap(Terminal terminal) {
        KeyMap<Key> keys = new KeyMap<>();
        keys.setUnicode(INSERT);
        keys.setNomatch(IGNORE);
        keys.setAmbiguousTimeout(100); // a lone Esc, or the start of a longer sequence
        for (char c = 32; c < 127; c++) {
            keys.bind(INSERT, Character.toString(c));
        }
        keys.bind(ENTER, "\r", "\n");
        keys.bind(NEWLINE, KeyMap.alt('\r'), KeyMap.alt('\n'));
        keys.bind(BACKSPACE, KeyMap.del(), KeyMap.ctrl('H'));
        keys.bind(INTERRUPT, KeyMap.ctrl('C'));
        keys.bind(END_OF_INPUT, KeyMap.ctrl('D'));
        keys.bind(NEXT, "\t", KeyMap.ctrl('N'));
        keys.bind(PREVIOUS, KeyMap.ctrl('P'), "\033[Z");
        keys.bind(HOME, KeyMap.ctrl('A'), "\033[H", "\033OH", "\033[1~", "\033[7~");
        keys.bind(END, KeyMap.ctrl('E'), "\033[F", "\033OF", "\033[4~", "\033[8~");
        keys.bind(LEFT, KeyMap.ctrl('B'), "\033[D", "\033OD");
        keys.bind(RIGHT, KeyMap.ctrl('F'), "\033[C", "\033OC");
        keys.bind(UP, "\033[A", "\033OA");
        keys.bind(DOWN, "\033[B", "\033OB");
        keys.bind(DELETE, "\033[3~");
        keys.bind(PAGE_UP, "\033[5~");
        keys.bind(PAGE_DOWN, "\033[6~");
        keys.bind(HELP, "\033OP", "\033[11~");
        keys.bind(KILL_BEFORE, KeyMap.ctrl('U'));
        keys.bind(KILL_AFTER, KeyMap.ctrl('K'));
        keys.bind(KILL_WORD, KeyMap.ctrl('W'), KeyMap.alt(KeyMap.del()));
        keys.bind(REDRAW, KeyMap.ctrl('L'));
        keys.bind(ESCAPE, KeyMap.esc());
        keys.bind(PASTE, PASTE_START);
        // The terminal's own sequences, where its terminfo knows them.
        bind(keys, terminal, UP, Capability.key_up);
        bind(keys, terminal, DOWN, Capability.key_down);
        bind(keys, terminal, LEFT, Capability.key_left);
        bind(keys, terminal, RIGHT, Capability.key_right);
        bind(keys, terminal, HOME, Capability.key_home);
        bind(keys, terminal, END, Capability.key_end);
        bind(keys, terminal, DELETE, Capability.key_dc);
        bind(keys, terminal, PAGE_UP, Capability.key_ppage);
        bind(keys, terminal, PAGE_DOWN, Capability.key_npage);
        bind(keys, terminal, HELP, Capability.key_f1);
        bind(keys, terminal, BACKSPACE, Capability.key_backspace);
        return keys;
    }

    private static void bind(KeyMap<Key> keys, Terminal terminal, Key key, Capability cap) {
        String seq = KeyMap.key(terminal, cap);
        if (seq != null && !seq.isEmpty()) {
            keys.bind(key, seq);
        }
    }
}
