package org.urulink.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.ErrorCode;
import org.urulink.protocol.Frame;
import org.urulink.protocol.UserInfo;

/**
 * Direct and group conversations: finding, creating, renaming, membership. Every change is announced to the
 * members' sessions with a {@code conversation} frame. Any member may rename a group or add and remove members.
 */
final class Conversations {
    static final int MAX_MEMBERS = 1000;
    static final int MAX_TITLE = 100;

    private final Store store;
    private final Directory directory;
    private final Bus bus;
    private final Clock clock;
    private final DirectPairs directPairs = new DirectPairs();

    Conversations(Store store, Directory directory, Bus bus, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.bus = bus;
        this.clock = clock;
    }

    /** The conversation, when the user is a member; 404 otherwise (existence is not revealed). */
    Conversation require(String conversationId, String userId) {
        if (conversationId == null || !store.isMember(conversationId, userId)) {
            throw ChatException.notFound("conversation");
        }
        return store.conversation(conversationId).orElseThrow(() -> ChatException.notFound("conversation"));
    }

    /** For frames: a missing or foreign conversation is "not a member". */
    Conversation requireMember(String conversationId, String userId) {
        return store.conversationOfMember(conversationId, userId).orElseThrow(() -> notMember(conversationId));
    }

    /**
     * A conversation the user belongs to, for frames: this runs for every message sent, read or typed, so a
     * direct conversation's pair comes from memory after its first use.
     */
    Membership membership(String conversationId, String userId) {
        List<String> pair = conversationId == null ? null : directPairs.get(conversationId);
        if (pair != null) {
            if (!pair.contains(userId)) {
                throw notMember(conversationId);
            }
            return new Membership(conversationId, pair);
        }
        Conversation c = requireMember(conversationId, userId);
        if (c.isGroup()) {
            return new Membership(c.id(), null);
        }
        List<String> members = store.memberIds(c.id());
        directPairs.remember(c.id(), members);
        return new Membership(c.id(), members);
    }

    /** Whom a frame in the conversation goes to: its direct pair, or the group's members as of now. */
    List<String> memberIds(Membership m) {
        return m.directPair() != null ? m.directPair() : store.memberIds(m.conversationId());
    }

    Conversation direct(User me, String to) {
        return directWith(me, directory.require(to));
    }

    /** The direct conversation with {@code to}, made on first use, as a membership for sending into it. */
    Membership directMembership(User me, String to) {
        User other = directory.require(to);
        Conversation c = directWith(me, other);
        List<String> pair = me.id().equals(other.id()) ? List.of(me.id()) : List.of(me.id(), other.id());
        directPairs.remember(c.id(), pair);
        return new Membership(c.id(), pair);
    }

    private Conversation directWith(User me, User other) {
        Conversation c = store.directConversation(me.id(), other.id(), clock.millis());
        // Announce a conversation until its first message; clients treat a repeat as an update.
        if (c.lastSeq() == 0) {
            announce(c, "created");
        }
        return c;
    }

    private static ChatException notMember(String conversationId) {
        return new ChatException(ErrorCode.NOT_MEMBER, "you are not a member of conversation " + conversationId);
    }

    Conversation createGroup(User creator, String title, List<String> memberRefs) {
        String t = checkTitle(title);
        Set<String> ids = new LinkedHashSet<>();
        ids.add(creator.id());
        for (String ref : memberRefs == null ? List.<String>of() : memberRefs) {
            ids.add(directory.require(ref).id());
        }
        checkSize(ids.size());
        Conversation c = store.createGroup(t, ids, clock.millis());
        announce(c, "created");
        return c;
    }

    Conversation rename(User me, String conversationId, String title) {
        Conversation c = requireGroup(conversationId, me);
        store.renameGroup(c.id(), checkTitle(title), clock.millis());
        Conversation renamed = store.conversation(c.id()).orElseThrow();
        announce(renamed, "renamed");
        return renamed;
    }

    Conversation addMembers(User me, String conversationId, List<String> memberRefs) {
        Conversation c = requireGroup(conversationId, me);
        List<String> ids = new ArrayList<>();
        for (String ref : memberRefs == null ? List.<String>of() : memberRefs) {
            ids.add(directory.require(ref).id());
        }
        checkSize(new LinkedHashSet<>(concat(store.memberIds(c.id()), ids)).size());
        store.addMembers(c.id(), ids, clock.millis());
        announce(c, "members");
        return c;
    }

    /** Removes a member; removing oneself is leaving. */
    void removeMember(User me, String conversationId, String memberRef) {
        Conversation c = requireGroup(conversationId, me);
        User gone = directory.find(memberRef).filter(u -> store.isMember(c.id(), u.id()))
                .orElseThrow(() -> ChatException.notFound("member"));
        store.removeMember(c.id(), gone.id());
        bus.publish(new Envelope(List.of(gone.id()), new Frame.ConversationChanged(info(c, gone.id()), "removed")));
        announce(c, "members");
    }

    List<ConversationInfo> list(String userId) {
        return store.conversationsOf(userId).stream().map(c -> info(c, userId)).toList();
    }

    ConversationInfo info(Conversation c, String viewerId) {
        return info(shared(c), viewerId);
    }

    /** What every member sees alike; only the read position and unread count differ per viewer. */
    private record Shared(Conversation conversation, List<UserInfo> members, Frame.Message lastMessage,
                          List<MemberPosition> positions) {
        /** The lowest of the members' positions other than the viewer's; 0 when the viewer is alone. */
        long othersLowest(String viewerId, java.util.function.ToLongFunction<MemberPosition> position) {
            return positions.stream().filter(p -> !p.userId().equals(viewerId)).mapToLong(position).min().orElse(0);
        }
    }

    private Shared shared(Conversation c) {
        Conversation fresh = store.conversation(c.id()).orElse(c);
        List<UserInfo> members = store.members(c.id()).stream().map(User::info).toList();
        Frame.Message last = store.lastMessage(c.id()).map(StoredMessage::frame).orElse(null);
        return new Shared(fresh, members, last, store.positions(c.id()));
    }

    private ConversationInfo info(Shared s, String viewerId) {
        Conversation c = s.conversation();
        return new ConversationInfo(c.id(), c.kind().wire(), c.title(), s.members(), s.lastMessage(), c.lastSeq(),
                store.readSeq(c.id(), viewerId), store.unread(c.id(), viewerId),
                s.othersLowest(viewerId, MemberPosition::readSeq), s.othersLowest(viewerId, MemberPosition::received));
    }

    /** Tells every member; the parts they share are read once, not once per member (groups reach 1,000). */
    private void announce(Conversation c, String change) {
        Shared s = shared(c);
        for (UserInfo member : s.members()) {
            bus.publish(new Envelope(List.of(member.id()),
                    new Frame.ConversationChanged(info(s, member.id()), change)));
        }
    }

    private Conversation requireGroup(String conversationId, User me) {
        Conversation c = require(conversationId, me.id());
        if (!c.isGroup()) {
            throw ChatException.invalid("a direct conversation has no title or member list to change");
        }
        return c;
    }

    private static String checkTitle(String title) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty() || t.length() > MAX_TITLE || t.chars().anyMatch(Character::isISOControl)) {
            throw ChatException.invalid("a group title is 1 to " + MAX_TITLE + " characters, without control characters");
        }
        return t;
    }

    private static void checkSize(int size) {
        if (size > MAX_MEMBERS) {
            throw ChatException.invalid("a group has at most " + MAX_MEMBERS + " members");
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
