package org.urulink.server;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Nested;
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
}
