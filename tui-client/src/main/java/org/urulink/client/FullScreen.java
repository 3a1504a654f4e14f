package org.urulink.client;

import java.io.IOError;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;
import org.urulink.protocol.Frame;

/**
 * The full-screen front end on a JLine terminal: the alternate screen in raw mode (Ctrl+C arrives as a key, not a
 * signal), one thread reading keys into the loop, and after every batch of events a redraw of the whole model
 * through JLine's {@link Display}, which sends only what changed. Resizing redraws at the new size.
 */
final class FullScreen implements ChatOutput {
    private static final String PASTE_ON = "\033[?2004h";
    private static final String PASTE_OFF = "\033[?2004l";

    private final Terminal terminal;
    private final EventLoop loop;
    private final Clock clock;
    private ChatModel model;
    private ChatController chat;
    private KeyHandler keys;
    private Display display;
    private Size size = new Size(0, 0);
    private volatile boolean reading = true;
    private volatile int pageRows = 10;

    FullScreen(Terminal terminal, EventLoop loop, Clock clock) {
        this.terminal = terminal;
        this.loop = loop;
        this.clock = clock;
    }

    /** Runs the chat until it quits; the terminal is as it was afterwards, whatever happened. */
    void run(ChatController controller) {
        this.chat = controller;
        this.model = controller.model();
        this.keys = new KeyHandler(controller);
        Attributes saved = terminal.enterRawMode();
        Attributes raw = terminal.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false); // Ctrl+C and Ctrl+Z reach us as keys
        raw.setInputFlag(Attributes.InputFlag.IXON, false);
        terminal.setAttributes(raw);
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.WINCH, s -> loop.execute(() -> { }));
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.keypad_xmit);
        terminal.writer().write(PASTE_ON);
        terminal.flush();
        display = new Display(terminal, true);
        Thread reader = new Thread(this::readKeys, "urulink-keys");
        reader.setDaemon(true);
        reader.start();
        try {
            loop.run(this::redraw, 500);
        } finally {
            reading = false;
            join(reader);
            terminal.writer().write(PASTE_OFF);
            terminal.puts(Capability.keypad_local);
            terminal.puts(Capability.exit_ca_mode);
            terminal.setAttributes(saved);
            terminal.handle(Terminal.Signal.WINCH, previous);
            terminal.flush();
        }
    }

    /**
     * The one thread that reads the terminal. Keys go to the loop; the end of input quits. It looks for input
     * every 100 ms rather than blocking, so it ends soon after the chat, before the terminal is closed.
     */
    private void readKeys() {
        BindingReader in = new BindingReader(terminal.reader());
        KeyMap<Key> map = Key.keyMap(terminal);
        while (reading) {
            Key key;
            String chars;
            try {
                int next = terminal.reader().peek(100);
                if (next == NonBlockingReader.READ_EXPIRED) {
                    continue;
                }
                key = next == NonBlockingReader.EOF ? null : in.readBinding(map);
                chars = key == Key.PASTE ? in.readStringUntil(Key.PASTE_END) : in.getLastBinding();
            } catch (IOException | EndOfFileException | IOError e) {
                key = null;
                chars = "";
            }
            if (!reading) {
                return;
            }
            if (key == null) {
                loop.execute(chat::quit);
                return;
            }
            Key k = key;
            String c = chars == null ? "" : chars;
            loop.execute(() -> keys.key(k, c, pageRows));
        }
    }

    private void redraw() {
        chat.afterBatch();
        if (!loop.running()) {
            return;
        }
        Size now = terminal.getSize();
        if (now.getColumns() <= 0 || now.getRows() <= 0) {
            now = new Size(80, 24); // a terminal that cannot tell its size
        }
        if (!now.equals(size)) {
            size = now;
            display.clear();
            display.resize(size.getRows(), size.getColumns());
        }
        Screen screen = ChatScreen.render(model, size.getColumns(), size.getRows(), clock.millis());
        pageRows = Math.max(1, size.getRows() - 6);
        display.update(screen.lines(), size.cursorPos(screen.cursorRow(), screen.cursorCol()));
        terminal.flush();
        chat.rendered(screen);
    }

    private static void join(Thread reader) {
        try {
            reader.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- ChatOutput: the screen shows the model, so little is left to do here

    @Override
    public void message(ConversationState c, Frame.Message m) {
    }

    @Override
    public void opened(ConversationState c) {
    }

    @Override
    public void notice(List<String> lines) {
        if (lines.size() == 1) {
            model.notice(lines, clock.millis() + ChatController.NOTICE_MS);
        } else {
            List<String> shown = new java.util.ArrayList<>(lines);
            shown.add("(Esc closes this)");
            model.notice(shown, 0);
        }
    }

    @Override
    public void link(String text) {
    }

    @Override
    public void bell() {
        terminal.puts(Capability.bell);
    }
}
