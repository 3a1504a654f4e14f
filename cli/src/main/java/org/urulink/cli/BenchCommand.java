package org.urulink.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench",
        description = {
            "Measure a running server over real WebSockets, from one process with many",
            "connections. Bench users (<prefix>00000, ...) are made through the normal API",
            "on the first run and reused later: their refresh tokens and random password",
            "are kept in bench-accounts.json in the config directory. A lost or",
            "duplicated message exits 14.",
            "",
            "Scenarios:",
            "  throughput   P pairs; each sender sends M messages, at most W unacked;",
            "               delivered msgs/s over the steady part (10%%-90%% of them)",
            "  latency      P pairs at a fixed total --rate, open loop (send times fixed",
            "               in advance): p50/p99/p99.9/max from scheduled send to receipt",
            "  fanout       G members online, S senders at --rate: per message, the time",
            "               until the last member has it",
            "  connections  N idle authenticated sessions: server RSS and heap per session",
            "  cluster      throughput, senders on --server and receivers on --server2",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  urulink bench throughput --pairs 100 --window 64 --messages 1000",
            "  urulink bench latency --pairs 100 --rate 5000 --messages 500",
            "  urulink bench fanout --members 1000 --senders 1 --rate 10",
            "  urulink bench connections --sessions 15000 --server-pid 4242",
            "  urulink bench cluster --server http://node-a:8080 --server2 http://node-b:8080",
            "  urulink bench throughput --json | jq .msgs_per_s",
            "  urulink bench latency --samples lat.csv   (every message's times, as CSV)",
            "  urulink bench throughput --pairs 2 --messages 100 --cleanup",
            "",
            "Defaults of --messages: throughput and cluster 1000, latency 500, fanout 100.",
            "Defaults of --rate: latency 5000, fanout 10. --server-pid (the server's pid,",
            "e.g. from pgrep) makes connections read live heap after a full GC.",
            "Latency and fanout leave their first 5 s out of the percentiles (warm-up; at",
            "most half of each sender's messages), throughput its first tenth.",
            "Timed runs also report machine stalls: how often a 1 ms timer in the bench",
            "woke over 2 ms late (no CPU was free for it). When the longest is near the",
            "p99, the run measured the machine more than the server.",
            "The first run on a server registers its users: ~0.4 s of server CPU each (0.2 s",
            "on later runs that cannot refresh). The server cannot delete accounts: --cleanup",
            "logs the bench users out; the accounts and their messages stay, and the next run",
            "reuses them. Exits 14 when a message was lost or delivered twice, 3 when the",
            "server is unreachable. Figures and method: docs/benchmarks.md."})
final class BenchCommand extends CliCommand {
    static final List<String> SCENARIOS = List.of("throughput", "latency", "fanout", "connections", "cluster");

    @Parameters(index = "0", paramLabel = "<scenario>", completionCandidates = Scenarios.class,
            description = "throughput, latency, fanout, connections or cluster.")
    String scenario;

    @Option(names = "--server", paramLabel = "URL",
            description = "The server (default: $URULINK_SERVER, else " + CliContext.DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--server2", paramLabel = "URL",
            description = "cluster: the node the receivers connect to (needed); others: optional, the same.")
    String server2;

    @Option(names = "--pairs", paramLabel = "P", defaultValue = "100", description = "Sender/receiver pairs.")
    int pairs;

    @Option(names = "--messages", paramLabel = "M", description = "Messages per sender (default: see below).")
    Integer messages;

    @Option(names = "--window", paramLabel = "W", defaultValue = "64",
            description = "throughput, cluster: unacknowledged sends per sender.")
    int window;

    @Option(names = "--rate", paramLabel = "MSG/S", description = "latency, fanout: messages per second in total.")
    Integer rate;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "64", description = "Message body size.")
    int size;

    @Option(names = "--members", paramLabel = "G", defaultValue = "1000",
            description = "fanout: group members, all online (at most 1000).")
    int members;

    @Option(names = "--senders", paramLabel = "S", defaultValue = "1", description = "fanout: members who send.")
    int senders;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "10000",
            description = "connections: idle sessions to hold.")
    int sessions;

    @Option(names = "--users", paramLabel = "U", defaultValue = "100",
            description = "connections: accounts the sessions are spread over.")
    int users;

    @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "5",
            description = "connections: how long to hold the sessions before measuring.")
    int hold;

    @Option(names = "--client-addresses", paramLabel = "IP", split = ",", showDefaultValue = Help.Visibility.NEVER,
            description = "Local addresses to connect from, e.g. 127.0.0.2,127.0.0.3 (connections picks "
                    + "127.0.0.x by itself past 25000 sessions to a loopback server).")
    List<String> clientAddresses = new ArrayList<>();

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "The server's process on this machine: its RSS from /proc rather than /metrics; "
                    + "connections also runs a full GC (jcmd) before each reading.")
    Long serverPid;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds without progress after which what has not arrived counts as lost.")
    int timeout;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "bench-",
            description = "Username prefix of the bench users.")
    String prefix;

    @Option(names = "--json", description = "Print one JSON object on stdout (the table goes to stderr).")
    boolean json;

    @Option(names = "--cleanup", description = "Afterwards log the bench users out (accounts cannot be deleted).")
    boolean cleanup;

    @Option(names = "--samples", paramLabel = "FILE",
            description = "Write every message's send time and latency to FILE as CSV (message,sent_us,"
                    + "latency_us,warmup), to plot when the slow ones came; not for connections.")
    Path samples;

    /** Tests replace this to drop or double a received message. */
    BenchRun.Tap tap = BenchRun.Tap.NONE;

    static final class Scenarios extends ArrayList<String> {
        Scenarios() {
            super(SCENARIOS);
        }
    }

    @Override
    protected int run() {
        BenchSettings settings = settings();
        BenchResult result;
        try (Writer samplesFile = openSamples()) {
            result = measure(settings);
            if (samplesFile != null) {
                writeSamples(result, samplesFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the samples file " + samples + " failed", e);
        }
        if (json) {
            out().println(result.json());
            out().flush();
            result.table(err());
        } else {
            result.table(out());
        }
        return result.exitCode();
    }

    private BenchResult measure(BenchSettings settings) {
        BenchUsers accounts = new BenchUsers(settings.server(), settings.prefix(),
                new BenchAccountsFile(ctx().configDir()));
        try (BenchProgress progress = new BenchProgress(err(), ctx().terminal().columns())) {
            BenchRun run = new BenchRun(settings, accounts, progress, tap);
            BenchResult result = switch (settings.scenario()) {
                case "throughput", "latency", "cluster" -> new PairBench(run).run();
                case "fanout" -> new FanoutBench(run).run();
                default -> new ConnectionsBench(run).run();
            };
            if (cleanup) {
                progress.show(() -> "logging the bench users out");
                accounts.logoutAll();
            }
            return result;
        }
    }

    /** Made before the run, so a path that cannot be written fails at once, not after minutes of measuring. */
    private Writer openSamples() {
        if (samples == null) {
            return null;
        }
        if ("connections".equals(scenario)) {
            throw new UsageException("--samples is for the scenarios that send messages; connections sends none");
        }
        try {
            return Files.newBufferedWriter(samples, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The JDK's messages for these are just the path again.
            String why = e instanceof java.nio.file.NoSuchFileException ? "its directory does not exist"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
            throw new UsageException("cannot write --samples " + samples + ": " + why);
        }
    }

    /** A failure here leaves the run's figures standing: they are printed all the same. */
    private void writeSamples(BenchResult result, Writer file) {
        try {
            result.samples().write(file);
            file.flush();
        } catch (IOException e) {
            err().println("urulink: could not write the samples to " + samples + ": " + e.getMessage());
            err().flush();
        }
    }

    private BenchSettings settings() {
        if (!SCENARIOS.contains(scenario)) {
            throw new UsageException("unknown scenario \"" + scenario + "\"; pick one of " + String.join(", ", SCENARIOS));
        }
        URI first = ctx().server(server);
        URI second = server2 != null ? ctx().server(server2) : first;
        for (URI u : List.of(first, second)) {
            if (!"http".equals(u.getScheme())) {
                // The server speaks plain HTTP; through a TLS proxy the bench would measure the proxy too.
                throw new UsageException("the bench talks to a server's own http:// address, not " + u);
            }
        }
        if ("cluster".equals(scenario) && server2 == null) {
            throw new UsageException("cluster needs --server2: the node the receivers connect to");
        }
        int m = messages != null ? messages : switch (scenario) {
            case "latency" -> 500;
            case "fanout" -> 100;
            default -> 1000;
        };
        int r = rate != null ? rate : "fanout".equals(scenario) ? 10 : 5000;
        positive("--pairs", pairs);
        positive("--messages", m);
        positive("--window", window);
        positive("--rate", r);
        positive("--sessions", sessions);
        positive("--users", users);
        positive("--senders", senders);
        if (size < 1 || size > 16 * 1024) {
            throw new UsageException("--size must be 1 to 16384 bytes (the server's default body limit)");
        }
        if (members < 2 || members > 1000) {
            throw new UsageException("--members must be 2 to 1000 (a group holds at most 1000)");
        }
        if (senders > members) {
            throw new UsageException("--senders cannot be more than --members");
        }
        if (!prefix.matches("[a-z0-9_.-]{1,27}")) {
            throw new UsageException("--prefix must be 1-27 of a-z 0-9 _ . - (usernames add five digits)");
        }
        return new BenchSettings(scenario, first, second, pairs, m, window, r, size, members, senders, sessions,
                users, Duration.ofSeconds(Math.max(0, hold)), addresses(), serverPid == null ? OptionalLong.empty()
                : OptionalLong.of(serverPid), Duration.ofSeconds(Math.max(1, timeout)), prefix);
    }

    private List<InetAddress> addresses() {
        List<InetAddress> out = new ArrayList<>();
        for (String a : clientAddresses) {
            try {
                out.add(InetAddress.getByName(a.strip()));
            } catch (UnknownHostException e) {
                throw new UsageException("--client-addresses: \"" + a + "\" is not an address");
            }
        }
        return out;
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new UsageException(option + " must be at least 1");
        }
    }
}
