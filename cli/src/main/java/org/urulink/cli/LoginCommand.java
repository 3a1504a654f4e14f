package org.urulink.cli;

import java.net.URI;

import org.urulink.client.ApiClient;
import org.urulink.client.Credentials;
import org.urulink.client.Session;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "login",
        description = {"Log in and remember the login in $XDG_CONFIG_HOME/urulink/credentials.json "
                + "(else ~/.config/urulink/credentials.json), readable by you only.",
            "The stored tokens renew themselves; log in again only after `urulink logout` or 30 days unused."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  urulink login alice",
            "  urulink login alice --server http://chat.lan:8080",
            "  printf '%s\\n' \"$PW\" | urulink login alice --password-stdin",
            "",
            "Exits 4 on a wrong username or password, 3 when the server cannot be reached."})
final class LoginCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "<username>", description = "Your username.")
    String username;

    @Option(names = "--server", paramLabel = "URL",
            description = "Server URL (default: $URULINK_SERVER, else " + CliContext.DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
    boolean passwordStdin;

    @Override
    protected int run() {
        String password = password(passwordStdin, "Password for " + username + ": ");
        URI url = ctx().server(server);
        Session session = ApiClient.anonymous(url).loginSession(username, password, ctx().credentials());
        Credentials c = session.credentials();
        out().println("logged in as " + c.user().username() + " (" + c.user().name() + ") on " + c.server());
        return ExitCodes.OK;
    }
}
