package org.urulink.cli;

import picocli.CommandLine.Option;

/** The options {@code register} and {@code login} share: which server, and where the password comes from. */
final class AccountOptions {
    @Option(names = "--server", paramLabel = "URL",
            description = "Server URL (default: $URULINK_SERVER, else " + CliContext.DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
    boolean passwordStdin;
}
