package org.urulink.server;

import org.urulink.protocol.UserInfo;

/** An account as stored. The password hash never leaves the server. */
record User(String id, String username, String name, String passwordHash, long createdAt) {
    UserInfo info() {
        return new UserInfo(id, username, name);
    }
}
