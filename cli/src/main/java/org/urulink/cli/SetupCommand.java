package org.urulink.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jline.reader.EndOfFileException;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code urulink setup}: from nothing to a checked config (and systemd unit), embedded or as a cluster node. */
@Command(name = "setup", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.class,
        description = {"Write a checked server configuration: embedded, or a node of a cluster.",
            "",
            "Asks embedded or cluster; for a cluster, the PostgreSQL, Redis, RabbitMQ and S3 settings. Checks each live "
                    + "and prints one ✓ or ✗ line with the fix under each ✗ (host unreachable, authentication failed, "
                    + "database or vhost missing, bucket not writable); a ! line warns (PostgreSQL autovacuum off) "
                    + "but does not stop it. When all pass it prepares them (runs the "
                    + "database migrations, declares the RabbitMQ exchange, makes the bucket), makes the data "
                    + "directory and the signing key, and writes the config (mode 0600, only settings that differ "
                    + "from the defaults) that `urulink server start` reads. On any ✗ nothing is written.",
            "",
            "An existing config is kept unless --force is given; an existing signing key is always kept. Every node "
                    + "of a cluster must use the same signing key file: copy it, or point signing-key-file at "
                    + "shared storage.",
            "",
            "Without --non-interactive it asks on the terminal (defaults in brackets, passwords not shown). With "
                    + "it, settings come from the options below or URULINK_* variables of the same names."},
        footerHeading = "%nExamples:%n",
        footer = {"  urulink setup                      ask, check, write the config",
            "  urulink setup --non-interactive    embedded, all defaults",
            "  export URULINK_JDBC_PASSWORD=... URULINK_S3_SECRET_KEY=...",
            "  export URULINK_AMQP_URL=amqp://urulink:PASSWORD@mq:5672/urulink",
            "  urulink setup --non-interactive --config /etc/urulink/urulink.yaml \\",
            "    --jdbc-url jdbc:postgresql://db:5432/urulink --jdbc-user urulink \\",
            "    --redis-url redis://cache:6379 --s3-endpoint http://minio:9000 \\",
            "    --s3-access-key urulink --systemd",
            "  urulink setup --check              the same as urulink doctor",
            "",
            "Exit codes: 0 written (or kept), 2 usage, 13 a check failed (nothing written),",
            "78 a setting is not valid, 130 cancelled."})
final class SetupCommand extends CliCommand {
    /** The cluster settings setup cannot do without. */
    private static final List<String> CLUSTER_NEEDS = List.of("jdbc-url", "redis-url", "amqp-url", "s3-endpoint",
            "s3-access-key", "s3-secret-key");

    @Option(names = "--non-interactive", description = "Ask nothing: take settings from options and URULINK_* "
            + "variables.")
    boolean nonInteractive;

    // Lower-case constants so the values read as typed: --mode cluster.
    @Option(names = "--mode", paramLabel = "MODE", description = "embedded or cluster (default: cluster when a "
            + "cluster setting such as --redis-url is given, else embedded).")
    Setup.Mode mode;

    @Option(names = "--config", paramLabel = "FILE", description = "Where to write the config (default "
            + "$URULINK_CONFIG, else $XDG_CONFIG_HOME/urulink/urulink.yaml).")
    Path config;

    @Option(names = "--force", description = "Replace an existing config (the signing key is kept regardless).")
    boolean force;

    @Option(names = "--systemd", arity = "0..1", paramLabel = "PATH", fallbackValue = "/etc/systemd/system/urulink.service",
            description = "Also write a systemd unit running `urulink server start --config FILE` (PATH default "
                    + "/etc/systemd/system/urulink.service).")
    Path systemd;

    @Option(names = "--skip-migrations", description = "Leave the database schema to the first node that starts "
            + "(it migrates on start).")
    boolean skipMigrations;

    @Option(names = "--check", description = "Only check the existing config, like `urulink doctor`.")
    boolean check;

    /** Opens the terminal the questions are asked on. */
    @FunctionalInterface
    interface TerminalSource {
        Terminal open() throws IOException;
    }

    private final TerminalSource terminals;

    SetupCommand() {
        this(() -> TerminalBuilder.builder().system(true).dumb(true).build());
    }

    SetupCommand(TerminalSource terminals) {
        this.terminals = terminals;
    }

    @Override
    protected int run() throws IOException {
        Map<String, String> env = ctx().env();
        ServerCommand.quietLibraryLogging();
        if (check) {
            return Doctor.run(config, env, out());
        }
        Path target = ConfigFiles.target(config, env);
        if (Files.exists(target) && !force) {
            out().println("config " + target + " exists; kept it. Check it with: urulink doctor"
                    + (config == null ? "" : " --config " + target) + "; replace it with: urulink setup --force "
                    + "(the signing key is kept either way).");
            return ExitCodes.OK;
        }
        Map<String, String> options = SettingOptions.options(spec);
        Map<String, String> fromEnv = SettingOptions.environment(env);
        Setup.Plan plan;
        if (nonInteractive) {
            Map<String, String> settings = new LinkedHashMap<>(fromEnv);
            settings.putAll(options);
            plan = plan(scriptedMode(settings), settings, target);
        } else {
            SetupQuestions.Answers answers;
            try (Terminal terminal = terminals.open()) {
                answers = new SetupQuestions(terminal, env).ask(Optional.ofNullable(mode), options, fromEnv);
            } catch (EndOfFileException e) {
                throw new UsageException("the input ended before setup had all its answers; to script it, use "
                        + "--non-interactive with options or URULINK_* variables");
            } catch (UserInterruptException e) {
                err().println("urulink: setup cancelled; nothing was written");
                return 130;
            }
            plan = plan(answers.mode(), answers.settings(), target);
        }
        return new Setup(env, out(), err()).run(plan);
    }

    private Setup.Plan plan(Setup.Mode m, Map<String, String> settings, Path target) {
        return new Setup.Plan(m, settings, target, Optional.ofNullable(systemd), !skipMigrations);
    }

    private Setup.Mode scriptedMode(Map<String, String> settings) {
        List<String> cluster = settings.keySet().stream().filter(SettingOptions.CLUSTER::contains).toList();
        Setup.Mode m = mode != null ? mode : cluster.isEmpty() ? Setup.Mode.embedded : Setup.Mode.cluster;
        if (m == Setup.Mode.embedded && !cluster.isEmpty()) {
            throw new UsageException("embedded mode takes no cluster settings, but " + String.join(", ", cluster)
                    + " are given (as options or URULINK_* variables); drop them or use --mode cluster");
        }
        if (m == Setup.Mode.cluster) {
            List<String> missing = CLUSTER_NEEDS.stream().filter(n -> !settings.containsKey(n))
                    .map(n -> "--" + n + " (or " + SettingOptions.env(n) + ")").toList();
            if (!missing.isEmpty()) {
                throw new UsageException("a cluster setup needs " + String.join(", ", missing));
            }
        }
        return m;
    }
}
