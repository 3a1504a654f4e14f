package org.urulink.client;

import java.util.List;

/** What each {@link Key} does to the input line and the view, on the UI thread. */
final class KeyHandler {
    private final ChatController chat;
    private final ChatModel model;
    private final InputLine input;

    KeyHandler(ChatController chat) {
        this.chat = chat;
        this.model = chat.model();
        this.input = model.input();
    }

    /**
     * @param chars    what the terminal sent for it (the character typed, or the pasted text)
     * @param pageRows how many message rows PgUp/PgDn move
     */
    void key(Key key, String chars, int pageRows) {
        switch (key) {
            case INSERT, PASTE -> {
                input.insert(chars.replace("\r\n", "\n").replace('\r', '\n'));
                chat.typed();
            }
            case ENTER -> chat.submit(input.take());
            case NEWLINE -> input.insert("\n");
            case BACKSPACE -> input.backspace();
            case DELETE -> input.delete();
            case LEFT -> input.left();
            case RIGHT -> input.right();
            case HOME -> input.home();
            case END -> input.end();
            case UP -> input.previous();
            case DOWN -> input.next();
            case KILL_BEFORE -> input.killBefore();
            case KILL_AFTER -> input.killAfter();
            case KILL_WORD -> input.killWord();
            case NEXT -> chat.cycle(1);
            case PREVIOUS -> chat.cycle(-1);
            case PAGE_UP -> model.selected().ifPresent(c -> c.scroll(c.scroll() + Math.max(1, pageRows - 1)));
            case PAGE_DOWN -> model.selected().ifPresent(c -> c.scroll(c.scroll() - Math.max(1, pageRows - 1)));
            case HELP -> {
                List<String> shown = model.notice(0);
                if (!shown.isEmpty() && shown.getFirst().equals(SlashCommand.HELP.getFirst())) {
                    model.dismissNotice();
                } else {
                    chat.submit("/help");
                }
            }
            case ESCAPE -> model.dismissNotice();
            case INTERRUPT -> chat.quit();
            case END_OF_INPUT -> {
                if (input.isEmpty()) {
                    chat.quit();
                } else {
                    input.delete();
                }
            }
            case REDRAW, IGNORE -> {
            }
        }
    }
}
