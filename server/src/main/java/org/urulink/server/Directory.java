package org.urulink.server;

import java.util.Optional;
import java.util.UUID;

import org.urulink.protocol.ErrorCode;

/** Finds users by username or id, as people type them. */
final class Directory {
    private final Store store;

    Directory(Store store) {
        this.store = store;
    }

    Optional<User> find(String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        String r = ref.strip();
        if (looksLikeId(r)) {
            Optional<User> byId = store.userById(r);
            if (byId.isPresent()) {
                return byId;
            }
        }
        return store.userByUsername(Accounts.normalize(r.startsWith("@") ? r.substring(1) : r));
    }

    /** @throws ChatException {@code unknown_recipient} */
    User require(String ref) {
        return find(ref).orElseThrow(() -> new ChatException(ErrorCode.UNKNOWN_RECIPIENT,
                "no user \"" + ref + "\""));
    }

    static boolean looksLikeId(String s) {
        try {
            UUID.fromString(s);
            return s.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
