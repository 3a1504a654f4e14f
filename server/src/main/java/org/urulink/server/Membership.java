package org.urulink.server;

import java.util.List;

/**
 * A conversation a user was found to belong to. {@code directPair}: a direct conversation's two member ids
 * (which never change); null for a group, whose members are read when needed.
 */
record Membership(String conversationId, List<String> directPair) {
    boolean isGroup() {
        return directPair == null;
    }
}
