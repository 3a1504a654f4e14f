package org.urulink.server;

/** A conversation row. {@code title} is empty for direct conversations. */
record Conversation(String id, Kind kind, String title, long lastSeq, long updatedAt) {
    enum Kind {
        DIRECT, GROUP;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    boolean isGroup() {
        return kind == Kind.GROUP;
    }
}
