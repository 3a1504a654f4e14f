package org.urulink.server;

/** Every Redis key urulink uses, under one prefix so several installations can share a Redis. */
record RedisKeys(String prefix) {

    /** The nodes holding sessions of a user (sorted set, scored by lease end). */
    String user(String userId) {
        return prefix + "presence:" + userId;
    }

    /** The users a node holds sessions of (set), for cleaning up after it dies. */
    String nodeUsers(String node) {
        return prefix + "node-users:" + node;
    }

    /** Every node, scored by lease end. */
    String nodes() {
        return prefix + "nodes";
    }

    /** Held by the one node cleaning up after a dead one. */
    String reaper(String deadNode) {
        return prefix + "reaper:" + deadNode;
    }

    String ticket(String ticket) {
        return prefix + "ticket:" + ticket;
    }

    String throttle(String key) {
        return prefix + "throttle:" + key;
    }

    /** Pub/sub channel for closing a login's sessions on every node. */
    String closeLogins() {
        return prefix + "close-login";
    }
}
