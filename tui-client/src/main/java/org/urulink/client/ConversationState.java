package org.urulink.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.Frame;
import org.urulink.protocol.UserInfo;

/**
 * What the chat knows of one conversation: its messages by seq (each once, however often it arrives), the
 * messages typed here still on their way, unread count, who has received and read what, who is typing, and how
 * far the view is scrolled. Pure state: no I/O, no threads; {@link ChatModel} owns it.
 */
final class ConversationState {
    /** How an own message stands, shown after it. */
    enum Mark { PENDING, SENT, DELIVERED, READ, FAILED }

    private final String selfId;
    private ConversationInfo info;
    private final TreeMap<Long, Frame.Message> messages = new TreeMap<>();
    private final Map<String, PendingMessage> pending = new LinkedHashMap<>();
    private boolean hasOlder = true;
    private boolean loading;
    private boolean newestLoaded;
    private long readSeq;
    // Unread = the listing's count (messages up to baseSeq) plus others' messages seen after it.
    private long baseSeq;
    private long baseUnread;
    private final TreeSet<Long> othersAfterBase = new TreeSet<>();
    private final Map<String, Long> deliveredBy = new HashMap<>();
    private final Map<String, Long> readBy = new HashMap<>();
    private final Map<String, Long> typingUntil = new LinkedHashMap<>();
    private final Map<String, Integer> fileNumbers = new HashMap<>();
    private final List<Attachment> files = new ArrayList<>();
    private int scroll;
    private long activity;

    ConversationState(ConversationInfo info, String selfId) {
        this.selfId = selfId;
        this.info = info;
        this.readSeq = info.readSeq();
        this.baseSeq = info.lastSeq();
        this.baseUnread = info.unread();
        if (info.lastMessage() != null) {
            add(info.lastMessage());
        }
    }

    String id() {
        return info.id();
    }

    ConversationInfo info() {
        return info;
    }

    boolean isGroup() {
        return "group".equals(info.kind());
    }

    /** The group's title, or the other person's username (one's own in a conversation with oneself). */
    String title() {
        if (isGroup()) {
            return Cells.clean(info.title() == null ? "(untitled)" : info.title(), false);
        }
        return other().map(u -> Cells.clean(u.username(), false)).orElse("(nobody)");
    }

    /** The other person of a direct conversation. */
    Optional<UserInfo> other() {
        List<UserInfo> members = members();
        return members.stream().filter(u -> !u.id().equals(selfId)).findFirst()
                .or(() -> isGroup() ? Optional.empty() : members.stream().findFirst());
    }

    List<UserInfo> members() {
        return info.members() == null ? List.of() : info.members();
    }

    /** A newer description (renamed, members changed); the unread count rebases when it is not behind us. */
    void update(ConversationInfo newer) {
        info = newer;
        if (newer.lastSeq() >= maxSeq()) {
            baseSeq = newer.lastSeq();
            baseUnread = newer.unread();
            readSeq = Math.max(readSeq, newer.readSeq());
            othersAfterBase.clear();
        }
        if (newer.lastMessage() != null) {
            add(newer.lastMessage());
        }
    }

    // ---- messages

    /** Adds a message; false when it was here already. */
    boolean add(Frame.Message m) {
        if (messages.putIfAbsent(m.seq(), m) != null) {
            return false;
        }
        activity = Math.max(activity, m.sentAt());
        if (selfId.equals(m.from())) {
            if (m.clientId() != null) {
                pending.remove(m.clientId());
            }
            pending.values().removeIf(p -> p.seq() == m.seq());
        } else {
            typingUntil.remove(m.from());
            if (m.seq() > baseSeq) {
                othersAfterBase.add(m.seq());
            }
        }
        if (m.attachments() != null) {
            for (Attachment a : m.attachments()) {
                if (fileNumbers.putIfAbsent(a.fileId(), files.size() + 1) == null) {
                    files.add(a);
                }
            }
        }
        return true;
    }

    /** Adds a page of history; {@code older} when it was asked for with {@code before}. */
    void page(History page, boolean older) {
        page.messages().forEach(this::add);
        if (!page.hasMore() || (!messages.isEmpty() && messages.firstKey() <= 1)) {
            hasOlder = false;
        }
        if (!older) {
            newestLoaded = true;
        }
        loading = false;
    }

    NavigableMap<Long, Frame.Message> messages() {
        return java.util.Collections.unmodifiableNavigableMap(messages);
    }

    long maxSeq() {
        return messages.isEmpty() ? 0 : messages.lastKey();
    }

    /** The seq to ask older messages before: the oldest held, or none when nothing is held. */
    Optional<Long> oldestSeq() {
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages.firstKey());
    }

    Optional<Frame.Message> last() {
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages.lastEntry().getValue());
    }

    boolean hasOlder() {
        return hasOlder;
    }

    boolean loading() {
        return loading;
    }

    void loading(boolean now) {
        loading = now;
    }

    boolean newestLoaded() {
        return newestLoaded;
    }

    long activity() {
        return activity;
    }

    // ---- own messages on their way

    void queue(PendingMessage p) {
        pending.put(p.clientId(), p);
        activity = Math.max(activity, p.createdAt());
    }

    void acked(String clientId, long seq) {
        PendingMessage p = pending.get(clientId);
        if (p == null) {
            return;
        }
        if (messages.containsKey(seq)) {
            pending.remove(clientId);
        } else {
            pending.put(clientId, p.acked(seq));
        }
    }

    void refused(String clientId, String why) {
        pending.computeIfPresent(clientId, (k, p) -> p.refused(why));
    }

    /** Own messages not shown back by the server yet, oldest first. */
    Collection<PendingMessage> pending() {
        return pending.values();
    }

    /** How many are still to go out (not refused, not acked). */
    long waiting() {
        return pending.values().stream().filter(p -> p.seq() == 0 && !p.failed()).count();
    }

    // ---- unread, receipts, typing

    long unread() {
        long fromListing = readSeq >= baseSeq ? 0 : Math.min(baseUnread, baseSeq - readSeq);
        long floor = Math.max(readSeq, baseSeq);
        return fromListing + othersAfterBase.tailSet(floor, false).size();
    }

    long readSeq() {
        return readSeq;
    }

    /** Everything held is read now; answers the seq to tell the server, or 0 when nothing changed. */
    long markRead() {
        long max = maxSeq();
        if (max <= readSeq && unread() == 0) {
            return 0;
        }
        readSeq = Math.max(readSeq, max);
        baseUnread = 0;
        return readSeq;
    }

    /** Someone read up to {@code seq}: another member (for marks), or this user on another device. */
    void read(String user, long seq) {
        if (selfId.equals(user)) {
            readSeq = Math.max(readSeq, seq);
        } else {
            readBy.merge(user, seq, Math::max);
            deliveredBy.merge(user, seq, Math::max);
        }
    }

    void delivered(String user, long seq) {
        if (!selfId.equals(user)) {
            deliveredBy.merge(user, seq, Math::max);
        }
    }

    Mark mark(Frame.Message own) {
        List<String> others = members().stream().map(UserInfo::id).filter(id -> !id.equals(selfId)).toList();
        if (others.isEmpty()) {
            return Mark.SENT;
        }
        // The listing says how far everyone else had got; receipts heard since move each of them further.
        if (own.seq() <= info.othersReadSeq()
                || others.stream().allMatch(u -> readBy.getOrDefault(u, 0L) >= own.seq())) {
            return Mark.READ;
        }
        if (own.seq() <= info.othersDeliveredSeq()
                || others.stream().allMatch(u -> deliveredBy.getOrDefault(u, 0L) >= own.seq())) {
            return Mark.DELIVERED;
        }
        return Mark.SENT;
    }

    void typing(String user, long until) {
        if (!selfId.equals(user)) {
            typingUntil.put(user, until);
        }
    }

    /** Who is typing at {@code now} (user ids), forgetting those whose last sign is too old. */
    List<String> typing(long now) {
        typingUntil.values().removeIf(until -> until <= now);
        return List.copyOf(typingUntil.keySet());
    }

    // ---- files and scrolling

    /** The n-th file seen in this conversation (numbers as shown beside each attachment, from 1). */
    Optional<Attachment> file(int n) {
        return n >= 1 && n <= files.size() ? Optional.of(files.get(n - 1)) : Optional.empty();
    }

    int fileNumber(String fileId) {
        return fileNumbers.getOrDefault(fileId, 0);
    }

    /** Rows scrolled up from the newest message; 0 follows new messages. */
    int scroll() {
        return scroll;
    }

    void scroll(int rows) {
        scroll = Math.max(0, rows);
    }
}
