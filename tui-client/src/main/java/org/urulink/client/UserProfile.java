package org.urulink.client;

/**
 * {@code GET /users/{username}}: an account, whether it is online, and when it was last seen (epoch ms, or 0). The
 * server tells presence only to people who share a conversation with the user; to anyone else it reads offline, 0.
 */
public record UserProfile(String id, String username, String name, boolean online, long lastSeen) {
}
