package org.urulink.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** The server's counters, rendered as Prometheus text for {@code GET /metrics}. */
final class Metrics {
    final LongAdder messagesIn = new LongAdder();
    final LongAdder messagesOut = new LongAdder();
    final LongAdder framesDropped = new LongAdder();
    final LongAdder storeCommits = new LongAdder();
    final LongAdder storeCommitNanos = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> logins = new ConcurrentHashMap<>();
    private final IntSupplier connections;

    Metrics(IntSupplier connections) {
        this.connections = connections;
    }

    void error(String code) {
        errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    void login(String result) {
        logins.computeIfAbsent(result, k -> new LongAdder()).increment();
    }

    void storeLatency(long nanos) {
        storeCommits.increment();
        storeCommitNanos.add(nanos);
    }

    String render() {
        StringBuilder out = new StringBuilder(1024);
        gauge(out, "urulink_connections", "Open WebSocket sessions on this node.", connections.getAsInt());
        counter(out, "urulink_messages_in_total", "Messages stored from senders on this node.", messagesIn.sum());
        counter(out, "urulink_messages_out_total", "Message frames queued to sessions on this node.", messagesOut.sum());
        counter(out, "urulink_frames_dropped_total", "Frames dropped for sessions too far behind.", framesDropped.sum());
        labelled(out, "urulink_errors_total", "Error answers by code.", "code", errors);
        labelled(out, "urulink_logins_total", "Password logins by result.", "result", logins);
        out.append("# HELP urulink_store_commit_seconds Time from send to durable store.\n")
                .append("# TYPE urulink_store_commit_seconds summary\n")
                .append("urulink_store_commit_seconds_count ").append(storeCommits.sum()).append('\n')
                .append("urulink_store_commit_seconds_sum ").append(storeCommitNanos.sum() / 1e9).append('\n');
        Runtime rt = Runtime.getRuntime();
        gauge(out, "urulink_heap_used_bytes", "JVM heap in use.", rt.totalMemory() - rt.freeMemory());
        long rss = residentBytes();
        if (rss > 0) {
            gauge(out, "urulink_process_rss_bytes", "Resident memory of the server process (Linux).", rss);
        }
        return out.toString();
    }

    /** VmRSS from /proc/self/status; 0 where there is no /proc (the gauge is then left out). */
    static long residentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or /proc not mounted
        }
        return 0;
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static void labelled(StringBuilder out, String name, String help, String label, Map<String, LongAdder> m) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n");
        new TreeMap<>(m).forEach((k, v) -> out.append(name).append('{').append(label).append("=\"").append(k)
                .append("\"} ").append(v.sum()).append('\n'));
    }
}
