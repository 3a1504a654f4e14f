package org.urulink.cli;

import java.net.URI;
import java.util.Optional;

import org.urulink.client.ApiClient;
import org.urulink.client.Credentials;
import org.urulink.client.Session;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "login",
        description = {"Log in and remember the login for the other commands.",
            "The login is kept in $XDG_CONFIG_HOME/urulink/credentials.json (else",
            "~/.config/urulink/credentials.json), readable by you only. Its tokens renew",
            "themselves, and each renewal keeps the login alive: log in again only after",
            "`urulink logout` or 30 days unused (the server's refresh-token-ttl).",
            "Logging in again revokes the login it replaces."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  urulink login alice",
            "  urulink login alice --server http://chat.lan:8080",
            "  printf '%%s\\n' \"$PW\" | urulink login alice --password-stdin",
            "",
            "Exits 4 on a wrong username or password, 3 when the server cannot be reached."})
final class LoginCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "<username>", description = "Your username.")
    String username;

    @Mixin
    AccountOptions account;

    @Override
    protected int run() {
        String password = password(account.passwordStdin, "Password for " + username + ": ");
        URI url = ctx().server(account.server);
        Optional<Credentials> previous = ctx().credentials().load();
        ApiClient anonymous = ApiClient.anonymous(url);
        Session session = anonymous.loginSession(username, password, ctx().credentials());
        previous.ifPresent(LoginCommand::revokeQuietly);
        Credentials c = session.credentials();
        out().println("logged in as " + c.user().username() + " (" + c.user().name() + ") on " + c.server());
        return ExitCodes.OK;
    }

    /** The login this one replaces would otherwise stay valid on its server until 30 days unused. Best effort. */
    private static void revokeQuietly(Credentials old) {
        try {
            ApiClient.anonymous(old.server()).logout(old.refreshToken());
        } catch (RuntimeException e) {
            // Unreachable, or already revoked: nothing more to do from here.
        }
    }
}
