package org.urulink.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.protocol.Attachment;

/**
 * Stores over a real database for the store contracts. Each {@link #node()} is a store with a pool of its own
 * on the one test database, as each server of a cluster has; the subclass says which database that is.
 */
abstract class StoreFixture {
    /** Where SQLite's file lives; unused by PostgreSQL. */
    @TempDir
    Path dir;

    private final List<JdbcStore> nodes = new ArrayList<>();
    /** The first node, with two users in it. */
    JdbcStore store;
    User alice;
    User bob;

    /** A new pool on the test database, migrated. */
    abstract HikariDataSource openDatabase();

    /** How the database's message commits become durable, as the server sets it up. */
    Durability durability() {
        return Durability.ON_COMMIT;
    }

    JdbcStore node() {
        HikariDataSource ds = openDatabase();
        JdbcStore store = new JdbcStore(ds, durability(), batch -> { }, ds);
        nodes.add(store);
        return store;
    }

    @BeforeEach
    void openStore() {
        store = node();
        alice = user(store, "alice");
        bob = user(store, "bob");
    }

    @AfterEach
    void closeNodes() {
        nodes.reversed().forEach(JdbcStore::close);
    }

    static User user(Store store, String username) {
        User u = new User(UUID.randomUUID().toString(), username, username.toUpperCase(java.util.Locale.ROOT),
                "not a real hash", 1_000);
        store.insertUser(u);
        return u;
    }

    static NewMessage text(String conversationId, User sender, String clientId) {
        return new NewMessage(conversationId, sender.id(), sender.username(), clientId, "body of " + clientId, 2_000,
                null, List.of(), null);
    }

    static NewMessage withFile(String conversationId, User sender, String clientId, Attachment file) {
        return new NewMessage(conversationId, sender.id(), sender.username(), clientId, "see file", 2_000, null,
                List.of(file), null);
    }

    static List<Long> seqs(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::seq).toList();
    }
}
