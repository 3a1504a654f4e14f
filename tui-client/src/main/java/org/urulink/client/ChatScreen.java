package org.urulink.client;

import java.util.ArrayList;
import java.util.List;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws the whole chat for a terminal of {@code width} x {@code height}: a header, the conversation list (only
 * from {@value #LIST_FROM} columns), the open conversation with notices and "x is typing…" under it, the status
 * line and the input line. Pure: model in, rows out, so layouts are tested without a terminal.
 */
final class ChatScreen {
    /** Narrower terminals fold the list away (Tab still switches). */
    static final int LIST_FROM = 60;
    /**
     * Between list and messages. Not U+2502: JLine draws that one with the terminal's line-drawing character set,
     * which tmux's capture-pane (and screen readers) show as "x".
     */
    static final String SEPARATOR = "▏";
    private static final int MAX_INPUT_ROWS = 5;
    private static final AttributedStyle BAR = AttributedStyle.INVERSE;
    private static final AttributedStyle NOTICE = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);

    private ChatScreen() {
    }

    static Screen render(ChatModel model, int width, int height, long now) {
        int w = Math.max(1, width);
        int h = Math.max(1, height);
        InputRows input = InputRows.of(model.input(), w, Math.max(1, Math.min(MAX_INPUT_ROWS, (h - 2) / 3)));
        List<AttributedString> lines = new ArrayList<>(h);
        int bodyHeight = h - 2 - input.rows().size(); // header, status
        boolean wantsOlder = false;
        int maxScroll = 0;
        if (bodyHeight >= 1) {
            boolean list = w >= LIST_FROM;
            int listWidth = list ? Math.max(16, Math.min(30, w / 4)) : 0;
            int paneWidth = list ? w - listWidth - 1 : w;
            lines.add(header(model, listWidth, paneWidth));
            Pane pane = pane(model, paneWidth, bodyHeight, now);
            wantsOlder = pane.wantsOlder();
            maxScroll = pane.maxScroll();
            List<AttributedString> left = list ? ConversationList.rows(model, listWidth, bodyHeight, now) : List.of();
            for (int r = 0; r < bodyHeight; r++) {
                AttributedStringBuilder b = new AttributedStringBuilder();
                if (list) {
                    b.append(left.get(r)).styled(AttributedStyle.DEFAULT.faint(), SEPARATOR);
                }
                lines.add(b.append(pane.rows().get(r)).toAttributedString());
            }
        }
        if (h >= 2) {
            lines.add(status(model, w, now));
        }
        int inputTop = lines.size();
        for (String row : input.rows()) {
            lines.add(new AttributedString(row));
        }
        while (lines.size() > h) { // a terminal too short for even the input: keep its last rows
            lines.removeFirst();
            inputTop--;
        }
        return new Screen(lines, Math.max(0, inputTop + input.cursorRow()), input.cursorCol(), wantsOlder, maxScroll);
    }

    private static AttributedString header(ChatModel model, int listWidth, int paneWidth) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        if (listWidth > 0) {
            b.styled(BAR.bold(), Cells.pad(" urulink", listWidth)).styled(BAR, " ");
        }
        String title = model.selected().map(c -> " " + c.title() + subtitle(model, c)).orElse(" urulink chat");
        return b.styled(BAR.bold(), Cells.pad(title, paneWidth)).toAttributedString();
    }

    private static String subtitle(ChatModel model, ConversationState c) {
        if (c.isGroup()) {
            return "  (" + c.members().size() + " members)";
        }
        return c.other().flatMap(u -> model.online(u.id())).map(on -> on ? "  (online)" : "  (offline)").orElse("");
    }

    private record Pane(List<AttributedString> rows, boolean wantsOlder, int maxScroll) {
    }

    private static Pane pane(ChatModel model, int width, int height, long now) {
        List<AttributedString> bottom = new ArrayList<>();
        List<String> typing = model.selected().map(c -> c.typing(now)).orElse(List.of());
        int noticeRoom = Math.max(0, height - 1 - (typing.isEmpty() ? 0 : 1)); // a message row stays in view
        for (String line : model.notice(now)) {
            for (String row : Cells.wrap(Cells.clean(line, false), width)) {
                bottom.add(new AttributedString(row, NOTICE));
            }
        }
        if (bottom.size() > noticeRoom) { // keep the start (the help's first lines matter most)
            bottom = new ArrayList<>(bottom.subList(0, noticeRoom));
            if (!bottom.isEmpty()) {
                bottom.set(bottom.size() - 1, new AttributedString(Cells.fit("… (taller terminal for more)", width),
                        NOTICE));
            }
        }
        if (!typing.isEmpty() && height > 0) {
            bottom.add(new AttributedString(Cells.fit(typingText(model, typing), width),
                    AttributedStyle.DEFAULT.italic().faint()));
        }
        int messageRows = height - bottom.size();
        List<AttributedString> rows = new ArrayList<>(height);
        boolean wantsOlder = false;
        int maxScroll = 0;
        if (model.selected().isEmpty()) {
            List<String> hello = Cells.wrap("No conversation open. Type /open <user> to talk to someone, "
                    + "/group <title> <user>... for a group, F1 for help.", width);
            for (int r = 0; r < messageRows; r++) {
                rows.add(r < hello.size() ? new AttributedString(hello.get(r), AttributedStyle.DEFAULT.faint())
                        : AttributedString.EMPTY);
            }
        } else if (messageRows > 0) {
            ConversationState c = model.selected().get();
            MessagePane.Window window = new MessagePane(model, c, width, now).window(messageRows, c.scroll());
            rows.addAll(window.rows());
            wantsOlder = window.showsTop() && c.hasOlder() && !c.loading();
            maxScroll = window.maxScroll();
        }
        rows.addAll(bottom);
        List<AttributedString> padded = rows.stream().map(r -> padTo(r, width)).toList();
        return new Pane(padded, wantsOlder, maxScroll);
    }

    static String typingText(ChatModel model, List<String> userIds) {
        List<String> names = userIds.stream().map(model::username).toList();
        return switch (names.size()) {
            case 1 -> names.getFirst() + " is typing…";
            case 2 -> names.get(0) + " and " + names.get(1) + " are typing…";
            default -> names.size() + " people are typing…";
        };
    }

    private static AttributedString status(ChatModel model, int width, long now) {
        List<String> parts = new ArrayList<>();
        parts.add(model.self().username() + (width >= LIST_FROM ? "@" + model.server() : ""));
        parts.add(linkText(model, now));
        long waiting = model.waiting();
        if (waiting > 0) {
            parts.add(waiting + " waiting to be sent");
        }
        if (!model.activity().isEmpty()) {
            parts.add(model.activity());
        }
        if (model.selected().map(c -> c.scroll() > 0).orElse(false)) {
            parts.add("scrolled up: PgDn");
        }
        if (width < LIST_FROM) { // no list to show them: say where unread messages wait
            String open = model.selected().map(ConversationState::id).orElse("");
            long elsewhere = model.ordered().stream().filter(c -> !c.id().equals(open))
                    .mapToLong(ConversationState::unread).sum();
            if (elsewhere > 0) {
                parts.add(elsewhere + " unread: Tab");
            }
        }
        String text = " " + String.join(" · ", parts);
        String help = "F1 help ";
        int room = width - Cells.columns(help);
        String line = Cells.columns(text) + 1 <= room ? Cells.pad(text, room) + help : Cells.pad(text, width);
        return new AttributedString(line, BAR);
    }

    static String linkText(ChatModel model, long now) {
        return switch (model.link()) {
            case ONLINE -> "connected";
            case CONNECTING -> "connecting…";
            case OFFLINE -> "offline";
            case RECONNECTING -> {
                long seconds = (model.retryAt() - now + 999) / 1000;
                yield seconds > 0 ? "offline, reconnecting in " + seconds + "s" : "reconnecting…";
            }
        };
    }

    private static AttributedString padTo(AttributedString row, int width) {
        int cols = row.columnLength();
        if (cols > width) {
            return row.columnSubSequence(0, width);
        }
        if (cols == width) {
            return row;
        }
        return new AttributedStringBuilder().append(row).append(" ".repeat(width - cols)).toAttributedString();
    }
}
