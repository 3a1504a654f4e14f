package org.urulink.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code urulink}: the one command of the appliance. Each verb is a subcommand. */
@Command(name = "urulink",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT,
        showDefaultValues = true,
        description = "A self-hosted chat: run the server, and talk to it from the terminal.",
        subcommands = {ServerCommand.class, RegisterCommand.class, LoginCommand.class, LogoutCommand.class,
                WhoamiCommand.class, SendCommand.class, HistoryCommand.class, DownloadCommand.class,
                SetupCommand.class, DoctorCommand.class, ChatCommand.class, BenchCommand.class, DocsCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  urulink server start                 run a server on http://127.0.0.1:8080",
            "  urulink setup                        configure a server, embedded or a cluster node",
            "  urulink doctor                       check the server's config and backends",
            "  urulink register alice --name Alice  create an account",
            "  urulink login alice                  log in (stores credentials)",
            "  urulink send bob 'hello'             message bob",
            "  urulink history bob                  read the conversation with bob",
            "  urulink send --file notes.pdf bob    share a file with bob",
            "  urulink download <file_id>           save a shared file (ids are in history)",
            "  urulink chat                         chat full-screen in the terminal",
            "  urulink bench throughput             measure a running server",
            "",
            "Exit codes: 0 ok, 1 failure, 2 usage, 3 server unreachable, 4 bad credentials,",
            "5 username taken, 6 not logged in, 7 not found, 8 invalid input, 9 not a member,",
            "10 rate limited, 11 server error, 12 local file problem, 13 a setup or doctor",
            "check failed, 14 bench lost or duplicated a message; server start: 69 cannot",
            "start, 78 bad setting."})
public final class Main implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of failures.")
    boolean verbose;

    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Main(CliContext context) {
        this.context = context;
    }

    public Main() {
        this(new CliContext());
    }

    CliContext context() {
        return context;
    }

    @Override
    public void run() {
        // No verb: show what there is.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with the exit-code policy installed. */
    public static CommandLine commandLine(CliContext context) {
        return new CommandLine(new Main(context)).setExecutionExceptionHandler(new ExitPolicy());
    }

    public static void main(String[] args) throws java.io.IOException {
        // Scripts and package managers call --version most; answer it before picocli builds the whole command
        // model, which costs about 0.3 s on a cold JVM.
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            System.out.println(new VersionProvider().getVersion()[0]);
            return;
        }
        System.exit(commandLine(new CliContext()).execute(args));
    }
}
