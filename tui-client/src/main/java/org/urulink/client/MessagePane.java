package org.urulink.client;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.urulink.protocol.Attachment;
import org.urulink.protocol.Frame;

/**
 * The rows of one conversation's messages at a given width: time, sender, wrapped text, day separators, files
 * with their numbers, and marks on one's own messages. Pure: the same state always gives the same rows.
 */
final class MessagePane {
    static final String PENDING = "…";
    static final String SENT = "✓";
    static final String DELIVERED = "✓✓";
    static final String READ = "✔✔";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final int INDENT = 6; // "HH:MM "
    private static final String RULE = "╌"; // not U+2500, which JLine sends as a line-drawing character ("q")
    private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle SELF = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    private static final int[] COLOURS = {AttributedStyle.GREEN, AttributedStyle.MAGENTA, AttributedStyle.CYAN,
        AttributedStyle.YELLOW, AttributedStyle.RED};

    /** The rows to show, and whether the oldest message held is among them (time to load older ones). */
    record Window(List<AttributedString> rows, boolean showsTop, int maxScroll) {
    }

    private final ChatModel model;
    private final ConversationState conversation;
    private final int width;
    private final long now;

    MessagePane(ChatModel model, ConversationState conversation, int width, long now) {
        this.model = model;
        this.conversation = conversation;
        this.width = Math.max(1, width);
        this.now = now;
    }

    /** {@code height} rows ending {@code scroll} rows above the newest one, padded with blank rows on top. */
    Window window(int height, int scroll) {
        List<AttributedString> all = rows(height + scroll + 1);
        int maxScroll = Math.max(0, all.size() - height);
        int s = Math.min(scroll, maxScroll);
        int end = all.size() - s;
        int start = Math.max(0, end - height);
        List<AttributedString> shown = new ArrayList<>(all.subList(start, end));
        while (shown.size() < height) {
            shown.addFirst(AttributedString.EMPTY);
        }
        return new Window(shown, start == 0, maxScroll);
    }

    /** At least {@code wanted} rows counted from the newest (all of them when there are fewer), oldest first. */
    List<AttributedString> rows(int wanted) {
        List<List<AttributedString>> blocks = new ArrayList<>(); // newest first
        int count = 0;
        List<PendingMessage> pending = conversation.pending().stream()
                .filter(p -> p.seq() == 0 || !conversation.messages().containsKey(p.seq())).toList();
        for (PendingMessage p : pending.reversed()) {
            List<AttributedString> b = pendingBlock(p);
            blocks.add(b);
            count += b.size();
        }
        List<Frame.Message> messages = new ArrayList<>(conversation.messages().values());
        int i = messages.size() - 1;
        for (; i >= 0 && count < wanted; i--) {
            Frame.Message m = messages.get(i);
            List<AttributedString> b = new ArrayList<>();
            LocalDate day = day(m.sentAt());
            if (i == 0 || !day(messages.get(i - 1).sentAt()).equals(day)) {
                b.add(separator(day));
            }
            b.addAll(messageBlock(m));
            blocks.add(b);
            count += b.size();
        }
        if (i < 0) {
            blocks.add(List.of(top()));
        }
        Collections.reverse(blocks);
        List<AttributedString> out = new ArrayList<>(count + 1);
        blocks.forEach(out::addAll);
        return out;
    }

    private AttributedString top() {
        String text = conversation.loading() ? "loading older messages…"
                : conversation.hasOlder() ? "PgUp for older messages" : "start of the conversation";
        return centred(text, DIM);
    }

    private List<AttributedString> messageBlock(Frame.Message m) {
        boolean own = model.self().id().equals(m.from());
        String sender = own ? model.self().username()
                : Cells.clean(m.fromUsername() != null ? m.fromUsername() : model.username(m.from()), false);
        String mark = own ? switch (conversation.mark(m)) {
            case READ -> READ;
            case DELIVERED -> DELIVERED;
            default -> SENT;
        } : "";
        AttributedStyle markStyle = conversation.mark(m) == ConversationState.Mark.READ
                ? AttributedStyle.BOLD.foreground(AttributedStyle.GREEN) : DIM;
        return block(m.sentAt(), sender, own ? SELF : colour(sender), m.body(), m.attachments(), mark, markStyle);
    }

    private List<AttributedString> pendingBlock(PendingMessage p) {
        String mark = p.failed() ? "✗ not sent: " + p.error() : p.seq() > 0 ? SENT : PENDING;
        AttributedStyle style = p.failed() ? AttributedStyle.DEFAULT.foreground(AttributedStyle.RED) : DIM;
        return block(p.createdAt(), model.self().username(), SELF, p.body(), p.attachments(), mark, style);
    }

    private List<AttributedString> block(long at, String sender, AttributedStyle senderStyle, String body,
                                         List<Attachment> files, String mark, AttributedStyle markStyle) {
        int indent = width >= 24 ? INDENT : 0;
        int textWidth = Math.max(1, width - indent);
        String text = Cells.clean(body == null ? "" : body, true);
        List<String> wrapped = Cells.wrap(text.isEmpty() ? sender + ":" : sender + ": " + text, textWidth);
        List<AttributedString> rows = new ArrayList<>();
        for (int r = 0; r < wrapped.size(); r++) {
            AttributedStringBuilder b = new AttributedStringBuilder();
            if (indent > 0) {
                b.styled(DIM, r == 0 ? TIME.format(Instant.ofEpochMilli(at).atZone(model.zone())) + " " : "      ");
            }
            String row = wrapped.get(r);
            if (r == 0) {
                int nameEnd = Math.min(row.length(), sender.length());
                b.styled(senderStyle, row.substring(0, nameEnd)).append(row.substring(nameEnd));
            } else {
                b.append(row);
            }
            rows.add(b.toAttributedString());
        }
        for (Attachment a : files == null ? List.<Attachment>of() : files) {
            int n = conversation.fileNumber(a.fileId());
            String line = "[" + (n > 0 ? n : "↑") + "] " + Cells.clean(a.name(), false) + " (" + HumanSize.of(a.size())
                    + ")";
            for (String row : Cells.wrap(line, textWidth)) {
                rows.add(new AttributedStringBuilder().append(" ".repeat(indent))
                        .styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN), row).toAttributedString());
            }
        }
        if (!mark.isEmpty()) {
            appendMark(rows, Cells.fit(mark, width - 1), markStyle);
        }
        return rows;
    }

    /** The mark after the last row when it fits there, else on a row of its own, on the right. */
    private void appendMark(List<AttributedString> rows, String mark, AttributedStyle style) {
        AttributedString last = rows.getLast();
        int markCols = Cells.columns(mark);
        if (last.columnLength() + 1 + markCols <= width) {
            rows.set(rows.size() - 1, new AttributedStringBuilder().append(last).append(" ").styled(style, mark)
                    .toAttributedString());
        } else {
            rows.add(new AttributedStringBuilder().append(" ".repeat(Math.max(0, width - markCols)))
                    .styled(style, mark).toAttributedString());
        }
    }

    private AttributedString separator(LocalDate day) {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), model.zone());
        String name = day.equals(today) ? "Today" : day.equals(today.minusDays(1)) ? "Yesterday" : DAY.format(day);
        return centred(name, DIM);
    }

    private AttributedString centred(String text, AttributedStyle style) {
        String label = " " + text + " ";
        int free = width - Cells.columns(label);
        if (free < 2) {
            return new AttributedString(Cells.fit(text, width), style);
        }
        int left = free / 2;
        return new AttributedString(RULE.repeat(left) + label + RULE.repeat(free - left), style);
    }

    private LocalDate day(long millis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(millis), model.zone());
    }

    static AttributedStyle colour(String name) {
        return AttributedStyle.BOLD.foreground(COLOURS[Math.floorMod(name.hashCode(), COLOURS.length)]);
    }
}
