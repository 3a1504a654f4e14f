package org.urulink.cli;

import org.urulink.client.ApiClient;
import org.urulink.client.ApiException;
import org.urulink.client.Credentials;
import org.urulink.client.NotLoggedInException;
import org.urulink.client.ServerUnreachableException;

import picocli.CommandLine.Command;

@Command(name = "logout",
        description = {"Log out: revoke the login on the server and forget it here.",
            "Every token of the login stops working, and the credentials file is deleted."},
        footerHeading = "%nExamples:%n",
        footer = {"  urulink logout", "",
            "When the server cannot be reached the local credentials are still deleted, and it exits 3."})
final class LogoutCommand extends CliCommand {
    @Override
    protected int run() {
        Credentials c = ctx().credentials().load().orElseThrow(() -> new NotLoggedInException("not logged in"));
        try {
            ApiClient.anonymous(c.server()).logout(c.refreshToken());
        } catch (ApiException e) {
            if (e.status() != 401) { // 401: already revoked or expired, which is what we want anyway
                throw e;
            }
        } catch (ServerUnreachableException e) {
            ctx().credentials().clear();
            err().println("urulink: deleted the local login, but " + e.getMessage()
                    + ", so it was not revoked there");
            return ExitCodes.SERVER_UNREACHABLE;
        }
        ctx().credentials().clear();
        out().println("logged out " + c.user().username() + " from " + c.server());
        return ExitCodes.OK;
    }
}
