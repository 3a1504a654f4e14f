package org.urulink.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.urulink.server.ChatServer;
import org.urulink.server.ServerConfig;

/** A real server on 127.0.0.1 for tests; restartable on the same port and data directory. */
final class TestServer implements AutoCloseable {
    private final ServerConfig config;
    private ChatServer server;

    private TestServer(ServerConfig config) {
        this.config = config;
        this.server = ChatServer.start(config);
    }

    static TestServer start(Path dataDir) {
        return new TestServer(ServerConfig.defaults(dataDir).withPort(0));
    }

    static TestServer start(Path dataDir, Duration accessTokenTtl) {
        return new TestServer(ServerConfig.defaults(dataDir).withPort(0).withAccessTokenTtl(accessTokenTtl));
    }

    /** Files over {@code maxFileBytes} are refused. */
    static TestServer withMaxFileBytes(Path dataDir, long maxFileBytes) {
        return new TestServer(ServerConfig.defaults(dataDir).withPort(0).withMaxFileBytes(maxFileBytes));
    }

    URI uri() {
        return server.baseUri();
    }

    void stop() {
        server.close();
    }

    /** Starts again on the same port and data: same accounts, messages and signing key. */
    void restart() {
        int port = server.port();
        server.close();
        server = ChatServer.start(config.withPort(port));
    }

    void startAgain(int port) {
        server = ChatServer.start(config.withPort(port));
    }

    int port() {
        return server.port();
    }

    /** Registers {@code username} and logs in, keeping the tokens in memory. */
    Session user(String username) {
        ApiClient anon = ApiClient.anonymous(uri());
        anon.register(username, "password-" + username, username.substring(0, 1).toUpperCase() + username.substring(1));
        return anon.loginSession(username, "password-" + username, TokenStore.inMemory());
    }

    @Override
    public void close() {
        server.close();
    }
}
