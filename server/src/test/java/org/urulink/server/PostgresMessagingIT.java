package org.urulink.server;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.RegisterExtension;

/** MessagingIT's tests on servers whose history is in PostgreSQL. */
class PostgresMessagingIT extends MessagingIT {
    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @Override
    TestServer newServer(UnaryOperator<ServerConfig> tweak) {
        return super.newServer(c -> DB.use(tweak.apply(c)));
    }
}
