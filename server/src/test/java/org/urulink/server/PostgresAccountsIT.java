package org.urulink.server;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.RegisterExtension;

/** AccountsIT's tests on servers whose history is in PostgreSQL. */
class PostgresAccountsIT extends AccountsIT {
    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @Override
    TestServer newServer(UnaryOperator<ServerConfig> tweak) {
        return super.newServer(c -> DB.use(tweak.apply(c)));
    }
}
