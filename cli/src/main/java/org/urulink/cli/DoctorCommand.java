package org.urulink.cli;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code urulink doctor}: re-runs setup's checks on the configuration the server would load. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the configuration the server would load, and every backend it names.",
            "",
            "Loads the config file (--config, else $URULINK_CONFIG, else $XDG_CONFIG_HOME/urulink/urulink.yaml when it "
                    + "exists) with the URULINK_* environment, exactly as `urulink server start` would, then checks "
                    + "that the port is free, the data directory (and an embedded database's page size) and signing key, "
                    + "and PostgreSQL, Redis, RabbitMQ "
                    + "(vhost and exchange) and the S3 bucket (a probe object is put and deleted). One ✓ or ✗ line "
                    + "per check, with the fix under each ✗; a ! line (PostgreSQL autovacuum off, an embedded database "
                    + "still on an older urulink's 4 KiB pages) warns with its fix "
                    + "but passes. Changes nothing else. Same as `urulink setup --check`."},
        footerHeading = "%nExamples:%n",
        footer = {"  urulink doctor",
            "  urulink doctor --config /etc/urulink/urulink.yaml",
            "",
            "Exit codes: 0 every check passed (! warnings included), 13 a check failed."})
final class DoctorCommand extends CliCommand {
    @Option(names = "--config", paramLabel = "FILE", description = "The config file to check (default: the one "
            + "`urulink server start` would read).")
    Path config;

    @Override
    protected int run() {
        ServerCommand.quietLibraryLogging();
        return Doctor.run(config, ctx().env(), out());
    }
}
