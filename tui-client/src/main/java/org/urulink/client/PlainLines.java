package org.urulink.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.Frame;

/**
 * {@code urulink chat --plain}: the chat as lines, for dumb terminals, screen readers and pipes. Each line typed
 * is a message to the open conversation or a command; each message of any conversation is printed once as
 * {@code [conversation] HH:MM sender: text}. A reader thread only hands lines to the loop; printing happens on
 * the UI thread. At the end of input it waits (a while) for unsent messages, then quits.
 */
final class PlainLines implements ChatOutput {
    static final int OPEN_LINES = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private final BufferedReader in;
    private final PrintWriter out;
    private final boolean terminal;
    private final EventLoop loop;
    private ChatModel model;
    private LocalDate lastDay;
    private String lastLink = "";
    private final java.util.Set<String> printed = new java.util.HashSet<>();

    /** @param terminal whether {@code out} is a terminal (the bell is rung only there) */
    PlainLines(BufferedReader in, PrintWriter out, boolean terminal, EventLoop loop) {
        this.in = in;
        this.out = out;
        this.terminal = terminal;
        this.loop = loop;
    }

    void run(ChatController chat) {
        this.model = chat.model();
        Thread reader = new Thread(() -> readLines(chat), "urulink-lines");
        reader.setDaemon(true);
        reader.start();
        loop.run(() -> {
            chat.afterBatch();
            out.flush();
        }, 500);
        out.flush();
    }

    private void readLines(ChatController chat) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String typed = line;
                loop.execute(() -> chat.submit(typed));
            }
        } catch (IOException e) {
            loop.execute(() -> notice(List.of("cannot read input: " + e.getMessage())));
        }
        loop.execute(chat::endOfInput);
    }

    @Override
    public void message(ConversationState c, Frame.Message m) {
        print(c, m);
    }

    @Override
    public void opened(ConversationState c) {
        out.println("-- " + c.title() + (c.isGroup() ? " (group of " + c.members().size() + ")" : ""));
        List<Frame.Message> all = List.copyOf(c.messages().values());
        lastDay = null;
        all.subList(Math.max(0, all.size() - OPEN_LINES), all.size()).forEach(m -> print(c, m));
        lastDay = null; // the next live message names its day again
        c.pending().forEach(p -> out.println("[" + c.title() + "] " + model.self().username() + ": "
                + Cells.clean(p.body(), false) + " (waiting to be sent)"));
    }

    /** Prints {@code m} unless it was printed already (a live message can be in the page of an /open too). */
    private void print(ConversationState c, Frame.Message m) {
        if (!printed.add(m.messageId())) {
            return;
        }
        Instant at = Instant.ofEpochMilli(m.sentAt());
        LocalDate day = LocalDate.ofInstant(at, model.zone());
        if (!day.equals(lastDay)) {
            out.println("-- " + DAY.format(day));
            lastDay = day;
        }
        String sender = m.fromUsername() != null ? Cells.clean(m.fromUsername(), false) : model.username(m.from());
        String body = Cells.clean(m.body() == null ? "" : m.body(), true).replace("\n", "\n    ");
        out.println("[" + c.title() + "] " + TIME.format(at.atZone(model.zone())) + " " + sender + ": " + body);
        for (Attachment a : m.attachments() == null ? List.<Attachment>of() : m.attachments()) {
            out.println("    [" + c.fileNumber(a.fileId()) + "] " + Cells.clean(a.name(), false) + " ("
                    + HumanSize.of(a.size()) + ")");
        }
    }

    @Override
    public void notice(List<String> lines) {
        lines.forEach(l -> out.println("* " + Cells.clean(l, false)));
    }

    @Override
    public void link(String text) {
        if (!text.equals(lastLink)) {
            lastLink = text;
            out.println("* " + text);
        }
    }

    @Override
    public void bell() {
        if (terminal) {
            out.print('\007');
        }
    }
}
