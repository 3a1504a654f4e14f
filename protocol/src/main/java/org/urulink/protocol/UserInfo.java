package org.urulink.protocol;

/** Public facts about an account. */
public record UserInfo(String id, String username, String name) {
}
