package org.urulink.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

import org.urulink.client.ApiException;
import org.urulink.client.LocalFileException;
import org.urulink.client.NotLoggedInException;
import org.urulink.client.ServerUnreachableException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one exit-code policy: turns what a command threw into an exit code and a one-line message on stderr.
 * Stack traces only with {@code --verbose}. Messages come from the server or from us, never with a token in them.
 */
public final class ExitPolicy implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        return report(ex, commandLine);
    }

    /** Prints the message for {@code ex} on the command's stderr and answers its exit code. */
    static int report(Exception ex, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        Outcome outcome = classify(ex);
        err.println("urulink: " + outcome.message());
        if (verbose(commandLine)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return outcome.code();
    }

    private record Outcome(int code, String message) {
    }

    private static Outcome classify(Exception ex) {
        return switch (ex) {
            case ServerUnreachableException e -> new Outcome(ExitCodes.SERVER_UNREACHABLE, e.getMessage()
                    + ". Is it running? Start it with: urulink server start");
            case NotLoggedInException e -> new Outcome(ExitCodes.NOT_LOGGED_IN, e.getMessage()
                    + ". Log in with: urulink login <username>");
            case UsageException e -> new Outcome(ExitCodes.USAGE, e.getMessage());
            case ApiException e -> api(e);
            case LocalFileException e -> new Outcome(ExitCodes.FILE_PROBLEM, e.getMessage());
            case UncheckedIOException e -> new Outcome(ExitCodes.FAILURE, e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            default -> new Outcome(ExitCodes.FAILURE, ex.getMessage() == null ? ex.toString() : ex.getMessage());
        };
    }

    private static Outcome api(ApiException e) {
        return switch (e.code()) {
            case "invalid_credentials" -> new Outcome(ExitCodes.BAD_CREDENTIALS, "wrong username or password");
            case "username_taken" -> new Outcome(ExitCodes.USERNAME_TAKEN, e.getMessage() + "; pick another");
            case "unauthorized", "token_expired" -> new Outcome(ExitCodes.NOT_LOGGED_IN,
                    "the server no longer accepts the stored login. Log in with: urulink login <username>");
            case "not_found", "unknown_recipient" -> new Outcome(ExitCodes.NOT_FOUND, e.getMessage());
            case "not_member" -> new Outcome(ExitCodes.FORBIDDEN, e.getMessage());
            case "rate_limited" -> new Outcome(ExitCodes.RATE_LIMITED, e.getMessage() + "; try again later");
            case "invalid_username", "weak_password", "too_large", "invalid", "missing_field", "bad_json" ->
                    new Outcome(ExitCodes.INVALID_INPUT, e.getMessage());
            default -> e.status() >= 500 || e.status() == 0
                    ? new Outcome(ExitCodes.SERVER_ERROR, "the server failed: " + e.getMessage())
                    : new Outcome(ExitCodes.FAILURE, e.getMessage());
        };
    }

    /** Whether {@code --verbose} was given anywhere on the command line (it is inherited by every subcommand). */
    private static boolean verbose(CommandLine commandLine) {
        CommandLine root = commandLine;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        for (ParseResult pr = root.getParseResult(); pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
