package org.urulink.client;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.UserInfo;

/**
 * Everything the chat screen shows, as plain state: the conversations, which one is open, the connection, who is
 * online, a notice, transfer progress and the input line. Owned by the UI thread; {@link ChatScreen} draws it.
 */
final class ChatModel {
    /** The connection as the status line tells it. */
    enum Link { CONNECTING, ONLINE, RECONNECTING, OFFLINE }

    private final UserInfo self;
    private final String server;
    private final ZoneId zone;
    private final Map<String, ConversationState> conversations = new LinkedHashMap<>();
    private final Map<String, Boolean> online = new HashMap<>();
    private final Map<String, String> usernames = new HashMap<>();
    private final InputLine input = new InputLine();
    private String selected = "";
    private Link link = Link.CONNECTING;
    private long retryAt;
    private List<String> notice = List.of();
    private long noticeUntil;
    private String activity = "";

    ChatModel(UserInfo self, String server, ZoneId zone) {
        this.self = self;
        this.server = server;
        this.zone = zone;
        usernames.put(self.id(), self.username());
    }

    UserInfo self() {
        return self;
    }

    String server() {
        return server;
    }

    ZoneId zone() {
        return zone;
    }

    InputLine input() {
        return input;
    }

    // ---- conversations

    /** Adds a conversation or updates the one with its id; answers its state. */
    ConversationState put(ConversationInfo info) {
        info.members().forEach(u -> usernames.put(u.id(), u.username()));
        ConversationState known = conversations.get(info.id());
        if (known != null) {
            known.update(info);
            return known;
        }
        ConversationState fresh = new ConversationState(info, self.id());
        conversations.put(info.id(), fresh);
        return fresh;
    }

    void remove(String conversationId) {
        conversations.remove(conversationId);
        if (selected.equals(conversationId)) {
            selected = ordered().stream().findFirst().map(ConversationState::id).orElse("");
        }
    }

    Optional<ConversationState> conversation(String id) {
        return Optional.ofNullable(conversations.get(id));
    }

    /** Newest activity first; conversations without any keep the server's order. */
    List<ConversationState> ordered() {
        List<ConversationState> all = new ArrayList<>(conversations.values());
        all.sort(Comparator.comparingLong(ConversationState::activity).reversed());
        return all;
    }

    Optional<ConversationState> selected() {
        return conversation(selected);
    }

    void select(String conversationId) {
        if (conversations.containsKey(conversationId)) {
            selected = conversationId;
        }
    }

    /** Tab / Ctrl+N (+1) and Ctrl+P (-1), in list order, wrapping around. */
    void cycle(int step) {
        List<ConversationState> list = ordered();
        if (list.isEmpty()) {
            return;
        }
        int at = 0;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(selected)) {
                at = i;
            }
        }
        selected = list.get(Math.floorMod(at + step, list.size())).id();
    }

    /** A direct conversation with {@code username}, or a group titled so (the first in list order). */
    Optional<ConversationState> find(String name) {
        List<ConversationState> list = ordered();
        return list.stream().filter(c -> !c.isGroup() && c.title().equalsIgnoreCase(name)).findFirst()
                .or(() -> list.stream().filter(c -> c.isGroup() && c.title().equals(name)).findFirst())
                .or(() -> conversation(name));
    }

    /** Messages typed here that have not gone out yet, in every conversation. */
    long waiting() {
        return conversations.values().stream().mapToLong(ConversationState::waiting).sum();
    }

    // ---- people

    String username(String userId) {
        return Cells.clean(usernames.getOrDefault(userId, "?"), false);
    }

    void learn(String userId, String username) {
        if (userId != null && username != null) {
            usernames.put(userId, username);
        }
    }

    void presence(String userId, boolean isOnline) {
        online.put(userId, isOnline);
    }

    /** Empty when nothing is known yet. */
    Optional<Boolean> online(String userId) {
        return Optional.ofNullable(online.get(userId));
    }

    // ---- connection, notices, transfers

    Link link() {
        return link;
    }

    /** {@code retryAt}: when the next attempt starts (epoch ms), for "reconnecting in Ns". */
    void link(Link state, long retryAtMillis) {
        link = state;
        retryAt = retryAtMillis;
    }

    long retryAt() {
        return retryAt;
    }

    /** Shows {@code lines} under the messages, until {@code until} (epoch ms; 0 until dismissed). */
    void notice(List<String> lines, long until) {
        notice = List.copyOf(lines);
        noticeUntil = until;
    }

    void dismissNotice() {
        notice = List.of();
    }

    List<String> notice(long now) {
        if (noticeUntil > 0 && now >= noticeUntil) {
            notice = List.of();
        }
        return notice;
    }

    /** A transfer in progress, shown in the status line; empty for none. */
    void activity(String text) {
        activity = text;
    }

    String activity() {
        return activity;
    }
}
