package org.urulink.cli;

import org.urulink.client.ApiClient;
import org.urulink.client.Session;
import org.urulink.client.UserProfile;

import picocli.CommandLine.Command;

@Command(name = "whoami",
        description = {"Show who is logged in, and on which server.",
            "Asks the server, renewing the tokens when needed."},
        footerHeading = "%nExamples:%n",
        footer = {"  urulink whoami", "", "Exits 6 when not logged in."})
final class WhoamiCommand extends CliCommand {
    @Override
    protected int run() {
        Session session = session();
        UserProfile me = ApiClient.of(session).user(session.credentials().user().username());
        out().println("username: " + me.username());
        out().println("name:     " + me.name());
        out().println("id:       " + me.id());
        out().println("server:   " + session.credentials().server());
        return ExitCodes.OK;
    }
}
