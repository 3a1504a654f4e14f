package org.urulink.client;

import java.util.ArrayList;
import java.util.List;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.urulink.protocol.Frame;

/**
 * The conversation list: two rows each (presence mark, name, unread count; then the last message), newest
 * activity on top, the open one highlighted and always in view.
 */
final class ConversationList {
    static final String ONLINE = "●";
    static final String OFFLINE = "○";
    static final String GROUP = "#";
    private static final AttributedStyle UNREAD = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);

    private ConversationList() {
    }

    static List<AttributedString> rows(ChatModel model, int width, int height, long now) {
        List<ConversationState> list = model.ordered();
        String selected = model.selected().map(ConversationState::id).orElse("");
        int at = 0;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(selected)) {
                at = i;
            }
        }
        int fits = Math.max(1, height / 2);
        int first = Math.max(0, Math.min(at - fits + 1, list.size() - fits));
        first = Math.min(first, at);
        List<AttributedString> rows = new ArrayList<>(height);
        if (list.isEmpty()) {
            rows.add(new AttributedString(Cells.pad(" no conversations", width), AttributedStyle.DEFAULT.faint()));
            rows.add(new AttributedString(Cells.pad(" /open <user>", width), AttributedStyle.DEFAULT.faint()));
        }
        for (int i = first; i < list.size() && rows.size() + 2 <= height; i++) {
            ConversationState c = list.get(i);
            boolean on = c.id().equals(selected);
            rows.add(nameRow(model, c, width, on));
            rows.add(previewRow(model, c, width, on, now));
        }
        while (rows.size() < height) {
            rows.add(new AttributedString(" ".repeat(width)));
        }
        return rows;
    }

    static String mark(ChatModel model, ConversationState c) {
        if (c.isGroup()) {
            return GROUP;
        }
        return c.other().flatMap(u -> model.online(u.id())).orElse(false) ? ONLINE : OFFLINE;
    }

    private static AttributedString nameRow(ChatModel model, ConversationState c, int width, boolean on) {
        long unread = c.unread();
        String count = unread == 0 ? "" : unread > 999 ? " 999+" : " " + unread;
        String mark = mark(model, c);
        AttributedStyle base = on ? AttributedStyle.INVERSE : AttributedStyle.DEFAULT;
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.styled(ONLINE.equals(mark) ? base.foreground(AttributedStyle.GREEN) : base, mark);
        b.styled(unread > 0 ? base.bold() : base, Cells.pad(" " + c.title(), width - 1 - count.length()));
        b.styled(on ? base.bold() : UNREAD, count);
        return b.toAttributedString();
    }

    private static AttributedString previewRow(ChatModel model, ConversationState c, int width, boolean on,
                                               long now) {
        AttributedStyle style = on ? AttributedStyle.INVERSE : AttributedStyle.DEFAULT.faint();
        String text;
        if (!c.typing(now).isEmpty()) {
            text = "typing…";
            style = style.italic();
        } else {
            text = c.last().map(m -> preview(model, c, m)).orElse("");
        }
        return new AttributedString(Cells.pad("  " + text, width), style);
    }

    private static String preview(ChatModel model, ConversationState c, Frame.Message m) {
        String body = m.body() == null || m.body().isBlank()
                ? (m.attachments() == null || m.attachments().isEmpty() ? "" : "[file] " + m.attachments().getFirst().name())
                : m.body();
        String text = Cells.clean(body.replace('\n', ' '), false);
        if (model.self().id().equals(m.from())) {
            return "you: " + text;
        }
        String who = m.fromUsername() != null ? Cells.clean(m.fromUsername(), false) : model.username(m.from());
        return c.isGroup() ? who + ": " + text : text;
    }
}
