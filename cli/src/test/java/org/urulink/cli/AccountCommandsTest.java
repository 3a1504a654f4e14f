package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.client.Credentials;
import org.urulink.client.CredentialsFile;
import org.urulink.server.ChatServer;
import org.urulink.server.ServerConfig;

/** register, login, whoami, logout against a real server (access tokens live 2 s here). */
class AccountCommandsTest {
    @TempDir
    static Path data;
    static ChatServer server;
    static Map<String, String> env;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        server = ChatServer.start(ServerConfig.defaults(data).withPort(0).withAccessTokenTtl(Duration.ofSeconds(2)));
        env = Map.of("URULINK_SERVER", server.baseUri().toString());
        Cli setup = new Cli(data.resolve("setup-config"), env);
        assertEquals(0, setup.runWithStdin("password-alice\n", "register", "alice", "--name", "Alice",
                "--password-stdin").code());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Cli cli() {
        return new Cli(home, env);
    }

    private Cli loggedInAsAlice() {
        Cli cli = cli();
        Cli.Result login = cli.runWithStdin("password-alice\n", "login", "alice", "--password-stdin");
        assertEquals(0, login.code(), login.toString());
        return cli;
    }

    @Test
    void registerThenLoginThenWhoamiShowsTheAccount() {
        Cli cli = cli();
        Cli.Result reg = cli.runWithStdin("password-dora\n", "register", "dora", "--name", "Dora E",
                "--password-stdin");
        assertEquals(0, reg.code(), reg.toString());
        assertTrue(reg.out().contains("registered dora (Dora E)"), reg.out());
        Cli.Result login = cli.runWithStdin("password-dora\n", "login", "dora", "--password-stdin");
        assertEquals("logged in as dora (Dora E) on " + server.baseUri() + "\n", login.out());
        Cli.Result who = cli.run("whoami");
        assertEquals(0, who.code(), who.toString());
        assertTrue(who.out().contains("username: dora"), who.out());
        assertTrue(who.out().contains("name:     Dora E"), who.out());
        assertTrue(who.out().contains("server:   " + server.baseUri()), who.out());
    }

    @Test
    void registeringATakenUsernameExitsUsernameTaken() {
        Cli.Result r = cli().runWithStdin("password-other\n", "register", "alice", "--password-stdin");
        assertEquals(ExitCodes.USERNAME_TAKEN, r.code(), r.toString());
        assertTrue(r.err().startsWith("urulink: ") && r.err().contains("taken"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void loginWithAWrongPasswordExitsBadCredentials() {
        Cli.Result r = cli().runWithStdin("not-her-password\n", "login", "alice", "--password-stdin");
        assertEquals(ExitCodes.BAD_CREDENTIALS, r.code(), r.toString());
        assertEquals("urulink: wrong username or password\n", r.err());
        assertFalse(Files.exists(home.resolve("credentials.json")));
    }

    @Test
    void loginWithoutTerminalOrPasswordStdinIsAUsageError() {
        Cli.Result r = cli().run("login", "alice");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--password-stdin"), r.err());
    }

    @Test
    void whoamiWithoutLoginExitsNotLoggedIn() {
        Cli.Result r = cli().run("whoami");
        assertEquals(ExitCodes.NOT_LOGGED_IN, r.code(), r.toString());
        assertEquals("urulink: not logged in. Log in with: urulink login <username>\n", r.err());
    }

    @Test
    void loginToAClosedPortExitsServerUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        Cli.Result r = cli().runWithStdin("password-alice\n", "login", "alice", "--password-stdin", "--server", url);
        assertEquals(ExitCodes.SERVER_UNREACHABLE, r.code(), r.toString());
        assertEquals("urulink: cannot reach the server at " + url + " (connection refused). Is it running? "
                + "Start it with: urulink server start\n", r.err());
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli.Result r = cli().runWithStdin("pw-123456\n", "--verbose", "login", "alice", "--password-stdin",
                "--server", "http://127.0.0.1:" + port);
        assertEquals(ExitCodes.SERVER_UNREACHABLE, r.code());
        assertTrue(r.err().contains("\tat org.urulink.client.ApiClient"), r.err());
    }

    @Test
    void loginStoresCredentialsWithMode0600() throws IOException {
        loggedInAsAlice();
        Path file = home.resolve("credentials.json");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        Credentials c = CredentialsFile.in(home).load().orElseThrow();
        assertEquals("alice", c.user().username());
        assertEquals(server.baseUri().toString(), c.server().toString());
    }

    @Test
    void outputNeverShowsTokens() {
        Cli cli = loggedInAsAlice();
        Credentials c = CredentialsFile.in(home).load().orElseThrow();
        Cli.Result who = cli.run("whoami");
        assertFalse(who.out().contains(c.accessToken()) || who.out().contains(c.refreshToken()));
    }

    @Test
    void whoamiRefreshesAnExpiredAccessTokenByItself() throws InterruptedException {
        Cli cli = loggedInAsAlice();
        Credentials before = CredentialsFile.in(home).load().orElseThrow();
        Thread.sleep(2_500); // the access token lives 2 s on this server
        Cli.Result who = cli.run("whoami");
        assertEquals(0, who.code(), who.toString());
        Credentials after = CredentialsFile.in(home).load().orElseThrow();
        assertNotEquals(before.refreshToken(), after.refreshToken());
        assertTrue(after.accessExpiresAt() > before.accessExpiresAt());
    }

    @Test
    void logoutDeletesCredentialsAndRevokesTheLogin() {
        Cli cli = loggedInAsAlice();
        Credentials c = CredentialsFile.in(home).load().orElseThrow();
        Cli.Result out = cli.run("logout");
        assertEquals(0, out.code(), out.toString());
        assertFalse(Files.exists(home.resolve("credentials.json")));
        // The old tokens are dead on the server too: put them back and whoami is refused.
        CredentialsFile.in(home).save(c);
        Cli.Result who = cli.run("whoami");
        assertEquals(ExitCodes.NOT_LOGGED_IN, who.code(), who.toString());
    }

    @Test
    void loggingInAgainRevokesTheLoginItReplaces() {
        Cli cli = loggedInAsAlice();
        Credentials first = CredentialsFile.in(home).load().orElseThrow();
        loggedInAsAlice();
        Credentials second = CredentialsFile.in(home).load().orElseThrow();
        assertNotEquals(first.refreshToken(), second.refreshToken());
        CredentialsFile.in(home).save(first);
        assertEquals(ExitCodes.NOT_LOGGED_IN, cli.run("whoami").code());
    }

    @Test
    void logoutFromAStoppedServerForgetsTheLoginAndExitsServerUnreachable(@TempDir Path otherData) {
        ChatServer other = ChatServer.start(ServerConfig.defaults(otherData).withPort(0));
        String url = other.baseUri().toString();
        Cli cli = new Cli(home, Map.of("URULINK_SERVER", url));
        assertEquals(0, cli.runWithStdin("password-fred\n", "register", "fred", "--password-stdin").code());
        assertEquals(0, cli.runWithStdin("password-fred\n", "login", "fred", "--password-stdin").code());
        other.close();
        Cli.Result r = cli.run("logout");
        assertEquals(ExitCodes.SERVER_UNREACHABLE, r.code(), r.toString());
        assertTrue(r.err().contains("deleted the local login") && r.err().contains(url), r.err());
        assertFalse(Files.exists(home.resolve("credentials.json")));
    }

    @Test
    void serverOptionOverridesTheEnvironment() throws IOException {
        Cli cli = new Cli(home, Map.of("URULINK_SERVER", "http://127.0.0.1:1"));
        Cli.Result r = cli.runWithStdin("password-alice\n", "login", "alice", "--password-stdin",
                "--server", server.baseUri().toString());
        assertEquals(0, r.code(), r.toString());
    }
}
