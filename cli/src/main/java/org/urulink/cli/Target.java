package org.urulink.cli;

import java.util.List;
import java.util.Optional;

import org.urulink.client.ApiClient;
import org.urulink.client.ApiException;
import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.UserInfo;

/**
 * What {@code <user|conversation>} names: a conversation (by id or exact group title) the user is in, else a
 * user by username.
 *
 * @param conversation the conversation when it exists already
 * @param username     the user, when the name was not a conversation
 * @param label        how to show it: the group title or the other person's username
 */
record Target(Optional<ConversationInfo> conversation, Optional<String> username, String label) {

    static Target resolve(ApiClient api, String name, String selfId) {
        List<ConversationInfo> all = api.conversations();
        for (ConversationInfo c : all) {
            if (c.id().equals(name)) {
                return of(c, selfId);
            }
        }
        List<ConversationInfo> titled = all.stream()
                .filter(c -> "group".equals(c.kind()) && name.equals(c.title()))
                .toList();
        if (titled.size() > 1) {
            throw new UsageException("several groups are titled \"" + name + "\"; name one by id: "
                    + String.join(", ", titled.stream().map(ConversationInfo::id).toList()));
        }
        if (titled.size() == 1) {
            return of(titled.getFirst(), selfId);
        }
        Optional<ConversationInfo> direct = all.stream()
                .filter(c -> "direct".equals(c.kind()))
                .filter(c -> other(c, selfId).map(u -> u.username().equalsIgnoreCase(name)).orElse(false))
                .findFirst();
        return new Target(direct, Optional.of(name), name);
    }

    /** A 404 about {@code name} said in our words; any other refusal unchanged. */
    static ApiException unknown(String name, ApiException e) {
        if (e.is("unknown_recipient") || e.is("not_found")) {
            return new ApiException(e.status(), e.code(), "no user or conversation named \"" + name + "\"");
        }
        return e;
    }

    private static Target of(ConversationInfo c, String selfId) {
        String label = "group".equals(c.kind()) ? c.title()
                : other(c, selfId).map(UserInfo::username).orElse(c.id());
        return new Target(Optional.of(c), Optional.empty(), label);
    }

    private static Optional<UserInfo> other(ConversationInfo c, String selfId) {
        List<UserInfo> members = c.members() == null ? List.of() : c.members();
        return members.stream().filter(u -> !u.id().equals(selfId)).findFirst()
                .or(() -> members.stream().findFirst()); // a conversation with oneself
    }
}
