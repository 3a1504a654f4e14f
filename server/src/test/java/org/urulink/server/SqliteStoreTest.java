package org.urulink.server;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Nested;

/** The store contracts on SQLite: a file in a temporary directory, fresh for every test. */
class SqliteStoreTest {
    @Nested
    class AccountsAndConversations extends StoreContract {
        @Override
        HikariDataSource openDatabase() {
            return SqliteDatabase.open(dir);
        }

        @Override
        Durability durability() {
            return new WalSync(SqliteDatabase.file(dir));
        }
    }

    @Nested
    class Messages extends MessageStoreContract {
        @Override
        HikariDataSource openDatabase() {
            return SqliteDatabase.open(dir);
        }

        @Override
        Durability durability() {
            return new WalSync(SqliteDatabase.file(dir));
        }
    }

    /** Two pools on one file: SQLite's write lock makes the nodes take turns. */
    @Nested
    class TwoNodes extends TwoNodeStoreContract {
        @Override
        HikariDataSource openDatabase() {
            return SqliteDatabase.open(dir);
        }

        @Override
        Durability durability() {
            return new WalSync(SqliteDatabase.file(dir));
        }
    }
}
