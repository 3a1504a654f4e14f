package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contracts on PostgreSQL: a database of this class's own, emptied before every test. */
class PostgresStoreTest {
    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @Nested
    class AccountsAndConversations extends StoreContract {
        @Override
        HikariDataSource openDatabase() {
            return DB.open();
        }
    }

    @Nested
    class Messages extends MessageStoreContract {
        @Override
        HikariDataSource openDatabase() {
            return DB.open();
        }
    }

    /** Two pools on one database, as two servers of a cluster have. */
    @Nested
    class TwoNodes extends TwoNodeStoreContract {
        @Override
        HikariDataSource openDatabase() {
            return DB.open();
        }
    }

    /** The message writer keeps a connection between batches; losing it must not lose or refuse a message. */
    @Nested
    class LostConnection extends StoreFixture {
        @Override
        HikariDataSource openDatabase() {
            return DB.open();
        }

        @Test
        void aMessageAfterTheDatabaseDroppedTheWritersConnectionIsStored() throws Exception {
            String conv = store.directConversation(alice.id(), bob.id(), 10).id();
            assertEquals(1, store.append(text(conv, alice, "before")).join().message().seq());
            try (HikariDataSource admin = DB.open(); var c = admin.getConnection(); var st = c.createStatement()) {
                // As a database restart or an idle-connection killer does: every other session of this database.
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
            }
            assertEquals(2, store.append(text(conv, alice, "after")).join().message().seq());
            // Read through a new pool: the store's reading connections were dropped too.
            assertEquals(List.of(1L, 2L), seqs(node().messages(conv, null, null, 10)));
        }
    }
}
