package org.urulink.cli;

import java.net.URI;

import org.urulink.client.ApiClient;
import org.urulink.protocol.UserInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "register",
        description = {"Create an account on a server.", "Log in afterwards with `urulink login`."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  urulink register alice --name 'Alice Liddell'",
            "  printf '%%s\\n' \"$PW\" | urulink register bob --password-stdin",
            "  urulink register carol --server http://chat.lan:8080",
            "",
            "Usernames are 3-32 of a-z 0-9 _ . - ; passwords at least 8 characters.",
            "Exits 5 when the username is taken, 8 when the username or password is refused."})
final class RegisterCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "<username>", description = "The account's username.")
    String username;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the username).")
    String name;

    @Mixin
    AccountOptions account;

    @Override
    protected int run() {
        String password = password(account.passwordStdin, "Password for " + username + ": ");
        if (!account.passwordStdin) {
            String again = password(false, "Repeat password: ");
            if (!again.equals(password)) {
                throw new UsageException("the passwords do not match");
            }
        }
        URI url = ctx().server(account.server);
        ApiClient api = ApiClient.anonymous(url);
        UserInfo user = name == null || name.isBlank() ? api.register(username, password)
                : api.register(username, password, name);
        out().println("registered " + user.username() + " (" + user.name() + ") on " + url
                + ". Log in with: urulink login " + user.username());
        return ExitCodes.OK;
    }
}
