package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.protocol.Json;
import org.urulink.server.ChatServer;
import org.urulink.server.ServerConfig;

import picocli.CommandLine;

/** {@code urulink bench} at small scale against a real server in this JVM (cheap Argon2id, so logins are fast). */
class BenchCommandTest {
    private static final List<String> FIELDS = List.of("scenario", "parameters", "delivered", "lost", "duplicates",
            "msgs_per_s", "p50_us", "p99_us", "p999_us", "max_us", "server_rss_bytes", "per_connection_bytes");

    @TempDir
    static Path data;
    @TempDir
    static Path config;
    static ChatServer server;

    @BeforeAll
    static void start() {
        server = ChatServer.start(ServerConfig.defaults(data).with(b -> b.port(0)
                .passwordHash(ClusterNodes.CHEAP)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + out + "\n" + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\nout: " + out + "\nerr: " + err;
        }
    }

    static Run bench(BenchRun.Tap tap, String... args) {
        return bench(tap, StderrTerminal.NONE, args);
    }

    static Run bench(BenchRun.Tap tap, StderrTerminal terminal, String... args) {
        CliContext ctx = new CliContext(Map.of("URULINK_SERVER", server.baseUri().toString()), config,
                new ByteArrayInputStream(new byte[0]), CliContext::noTerminal, Clock.systemUTC(), ZoneOffset.UTC,
                config, terminal);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main(ctx)).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        ((BenchCommand) cl.getSubcommands().get("bench").getCommand()).tap = tap;
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    static Run bench(String... args) {
        return bench(BenchRun.Tap.NONE, args);
    }

    /** Zero loss, zero duplicates, every field, and figures in order. */
    private static JsonNode assertClean(Run r, long delivered) {
        assertEquals(0, r.code(), r.toString());
        JsonNode j = r.json();
        for (String f : FIELDS) {
            assertTrue(j.has(f), f + " missing: " + j);
        }
        assertEquals(delivered, j.path("delivered").asLong(), j.toString());
        assertEquals(0, j.path("lost").asLong(), j.toString());
        assertEquals(0, j.path("duplicates").asLong(), j.toString());
        return j;
    }

    private static void assertOrderedLatencies(JsonNode j) {
        long p50 = j.path("p50_us").asLong(-1);
        long p99 = j.path("p99_us").asLong(-1);
        long p999 = j.path("p999_us").asLong(-1);
        long max = j.path("max_us").asLong(-1);
        assertTrue(p50 >= 0 && p50 <= p99 && p99 <= p999 && p999 <= max, j.toString());
        assertTrue(j.path("msgs_per_s").asDouble() > 0, j.toString());
    }

    @Test
    void throughputDeliversEveryMessageOnceAndReportsSaneFigures() {
        JsonNode j = assertClean(bench("throughput", "--pairs", "3", "--messages", "200", "--window", "8",
                "--json"), 600);
        assertOrderedLatencies(j);
        assertEquals("throughput", j.path("scenario").asText());
        assertEquals(8, j.path("parameters").path("window").asInt());
    }

    @Test
    void latencyRunsOpenLoopAtTheGivenRate() {
        long start = System.nanoTime();
        JsonNode j = assertClean(bench("latency", "--pairs", "3", "--rate", "600", "--messages", "100", "--json"),
                300);
        assertOrderedLatencies(j);
        // 300 messages at 600/s are spread over half a second, whatever the server does.
        assertTrue(System.nanoTime() - start > 500_000_000L);
        assertTrue(j.path("msgs_per_s").asDouble() < 1200, j.toString());
        assertStallFigures(j);
    }

    /** The machine's stalls during the run: counted, summed and the longest, in microseconds. */
    private static void assertStallFigures(JsonNode j) {
        JsonNode stalls = j.path("machine_stalls");
        long count = stalls.path("count").asLong(-1);
        long total = stalls.path("total_us").asLong(-1);
        long max = stalls.path("max_us").asLong(-1);
        assertTrue(count >= 0 && max >= 0 && total >= max && (count == 0) == (total == 0), j.toString());
        assertTrue(count == 0 || max >= BenchStalls.THRESHOLD_NANOS / 1000, j.toString());
    }

    @Test
    void fanoutReachesEveryMemberAndTimesTheLastOne() {
        JsonNode j = assertClean(bench("fanout", "--members", "5", "--senders", "2", "--rate", "200",
                "--messages", "20", "--json"), 2 * 20 * 5); // every member's session, the sender's included
        assertOrderedLatencies(j);
        assertTrue(j.path("each_member_p50_us").asLong() <= j.path("p50_us").asLong(), j.toString());
        assertStallFigures(j);
    }

    @Test
    void connectionsHoldsSessionsAndReportsServerMemoryPerConnection() {
        JsonNode j = assertClean(bench("connections", "--sessions", "60", "--users", "4", "--hold", "0", "--json"),
                60);
        assertTrue(j.path("server_rss_bytes").asLong() > 0, j.toString());
        assertTrue(j.path("per_connection_bytes").isNumber(), j.toString());
        assertTrue(j.path("p50_us").isNull(), "no message latency in this scenario: " + j);
        assertTrue(j.path("machine_stalls").isMissingNode(), "idle sessions are not timed: " + j);
    }

    @Test
    void withTheServersPidConnectionsCollectsGarbageFirstAndReportsLiveHeapPerConnection() {
        // The server runs in this JVM, so its pid is ours; jcmd comes with the JDK that runs the tests.
        JsonNode j = assertClean(bench("connections", "--sessions", "40", "--users", "4", "--hold", "0",
                "--server-pid", Long.toString(ProcessHandle.current().pid()), "--json"), 40);
        assertTrue(j.path("heap_per_connection_bytes").isNumber(), j.toString());
        assertTrue(j.path("per_connection_bytes").asLong() >= j.path("heap_per_connection_bytes").asLong(),
                j.toString());
        assertEquals("pid " + ProcessHandle.current().pid(), j.path("parameters").path("memory_from").asText());
    }

    @Test
    void connectionsSpreadOverLoopbackAliasesWhenTold() {
        // Past ~60k sessions one source address runs out of ports; 127.0.0.0/8 is all loopback on Linux.
        JsonNode j = assertClean(bench("connections", "--sessions", "12", "--users", "2", "--hold", "0",
                "--client-addresses", "127.0.0.2,127.0.0.3", "--json"), 12);
        assertEquals(2, j.path("parameters").path("client_addresses").asInt(), j.toString());
    }

    @Test
    void clusterSendsOnOneServerAndReceivesOnTheOther() {
        // One embedded node plays both; the instrument's split is what is tested here.
        JsonNode j = assertClean(bench("cluster", "--server2", server.baseUri().toString(), "--pairs", "2",
                "--messages", "100", "--window", "4", "--json"), 200);
        assertOrderedLatencies(j);
        assertEquals(server.baseUri().toString(), j.path("parameters").path("server2").asText());
    }

    @Test
    void samplesHoldEveryMessagesSendTimeAndLatency() throws java.io.IOException {
        Path file = config.resolve("latency-samples.csv");
        JsonNode j = assertClean(bench("latency", "--pairs", "3", "--rate", "600", "--messages", "100", "--json",
                "--samples", file.toString()), 300);
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertEquals("message,sent_us,latency_us,warmup", lines.get(0));
        assertEquals(301, lines.size(), "a line per message");
        long lastSent = 0;
        long steadyMax = 0;
        int warm = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            lastSent = Math.max(lastSent, Long.parseLong(f[1]));
            if ("1".equals(f[3])) {
                warm++;
            } else {
                steadyMax = Math.max(steadyMax, Long.parseLong(f[2]));
            }
        }
        // 300 messages at 600/s: the last one was due ~0.5 s after the first.
        assertTrue(lastSent > 450_000 && lastSent < 550_000, "last send at " + lastSent + " us");
        assertEquals(3 * j.path("parameters").path("warmup_per_sender").asInt(), warm);
        assertEquals(j.path("max_us").asLong(), steadyMax, "the file's slowest steady message is the run's max");
    }

    @Test
    void aLostMessageHasNoLatencyInTheSamples() throws java.io.IOException {
        Path file = config.resolve("lost-samples.csv");
        AtomicBoolean dropped = new AtomicBoolean();
        Run r = bench((receiver, message) -> dropped.compareAndSet(false, true) ? 0 : 1,
                "throughput", "--pairs", "2", "--messages", "50", "--window", "4", "--timeout", "1", "--json",
                "--samples", file.toString());
        assertEquals(ExitCodes.BENCH_LOSS, r.code(), r.toString());
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertEquals(101, lines.size());
        assertEquals(1, lines.stream().filter(l -> l.split(",", -1)[2].isEmpty()).count(), String.join("\n", lines));
    }

    @Test
    void samplesAreRefusedForConnectionsAndForAPathThatCannotBeWritten() {
        Run r = bench("connections", "--sessions", "2", "--samples", config.resolve("c.csv").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("connections sends none"), r.err());
        Run bad = bench("latency", "--pairs", "1", "--samples", config.resolve("no/such/dir/s.csv").toString());
        assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
        assertTrue(bad.err().contains("cannot write --samples") && bad.err().contains("directory does not exist"),
                bad.err());
    }

    @Test
    void clusterWithoutASecondNodeIsAUsageError() {
        Run r = bench("cluster", "--pairs", "1");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--server2"), r.err());
    }

    @Test
    void aLostMessageIsReportedAndExitsNonZero() {
        AtomicBoolean dropped = new AtomicBoolean();
        Run r = bench((receiver, message) -> dropped.compareAndSet(false, true) ? 0 : 1,
                "throughput", "--pairs", "2", "--messages", "50", "--window", "4", "--timeout", "1", "--json");
        assertEquals(ExitCodes.BENCH_LOSS, r.code(), r.toString());
        assertEquals(1, r.json().path("lost").asLong(), r.toString());
        assertEquals(99, r.json().path("delivered").asLong(), r.toString());
        assertTrue(r.err().contains("FAILED: 1 lost"), r.err());
    }

    @Test
    void aDuplicatedMessageIsReportedAndExitsNonZero() {
        AtomicBoolean doubled = new AtomicBoolean();
        Run r = bench((receiver, message) -> doubled.compareAndSet(false, true) ? 2 : 1,
                "fanout", "--members", "3", "--rate", "200", "--messages", "10", "--json");
        assertEquals(ExitCodes.BENCH_LOSS, r.code(), r.toString());
        assertEquals(1, r.json().path("duplicates").asLong(), r.toString());
        assertEquals(0, r.json().path("lost").asLong(), r.toString());
    }

    @Test
    void aSecondRunReusesTheUsersWithoutALogin() {
        assertEquals(0, bench("throughput", "--pairs", "2", "--messages", "10").code());
        long logins = okLogins();
        Run again = bench("throughput", "--pairs", "2", "--messages", "10");
        assertEquals(0, again.code(), again.toString());
        assertEquals(logins, okLogins(), "refreshed, not logged in again");
        assertTrue(again.out().matches("(?s).*delivered +20\\n.*"), again.out());
    }

    @Test
    void cleanupLogsTheBenchUsersOutAndTheNextRunLogsInAgain() throws java.io.IOException {
        assertEquals(0, bench("throughput", "--prefix", "clean-", "--pairs", "1", "--messages", "5",
                "--cleanup").code());
        String file = Files.readString(config.resolve("bench-accounts.json"));
        assertTrue(!file.contains("clean-00000"), file);
        long logins = okLogins();
        assertEquals(0, bench("throughput", "--prefix", "clean-", "--pairs", "1", "--messages", "5").code());
        assertEquals(logins + 2, okLogins());
    }

    @Test
    void aTlsAddressIsRefusedWithWhatToUseInstead() {
        Run r = bench("throughput", "--server", "https://chat.example.org", "--pairs", "1", "--messages", "5");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("http:// address") && r.err().contains("https://chat.example.org"), r.err());
    }

    @Test
    void helpTeachesWithExamples() {
        Run r = bench("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Examples:") && r.out().contains("urulink bench latency --pairs 100 --rate 5000"),
                r.out());
        assertTrue(r.out().contains("exits 14"), r.out());
        assertTrue(r.out().contains("machine stalls"), r.out());
    }

    @Test
    void progressIsDrawnOnATerminalAndNeverInAPipe() {
        String[] args = {"latency", "--pairs", "2", "--rate", "200", "--messages", "80"};
        Run onTerminal = bench(BenchRun.Tap.NONE, () -> java.util.OptionalInt.of(100), args);
        assertEquals(0, onTerminal.code(), onTerminal.toString());
        assertTrue(onTerminal.err().contains("\rdelivered "), onTerminal.err());
        Run piped = bench(args);
        assertEquals(0, piped.code(), piped.toString());
        assertEquals("", piped.err());
        assertTrue(piped.out().contains("machine stalls"), piped.out());
    }

    @Test
    void aServerThatDoesNotAnswerExits3() {
        Run r = bench("throughput", "--server", "http://127.0.0.1:1", "--pairs", "1", "--messages", "1");
        assertEquals(ExitCodes.SERVER_UNREACHABLE, r.code(), r.toString());
    }

    @Test
    void anUnknownScenarioIsAUsageError() {
        Run r = bench("speed");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("throughput, latency, fanout, connections, cluster"), r.err());
    }

    private static long okLogins() {
        String metrics = new BenchHttp(server.baseUri()).metrics().orElseThrow();
        return ServerMemory.gauge(metrics.replace("urulink_logins_total{result=\"ok\"}", "ok_logins"), "ok_logins")
                .orElse(0);
    }
}
