package org.urulink.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The server's memory: resident set and heap in use, from {@code /metrics} ({@code urulink_process_rss_bytes},
 * {@code urulink_heap_used_bytes}), or with {@code --server-pid} the RSS from /proc and a full GC through
 * {@code jcmd} first, so the heap figure is live data rather than live data plus garbage.
 */
final class ServerMemory {
    /**
     * One reading; a figure the server does not offer is empty.
     *
     * @param collected whether a full GC ran just before, so {@code heap} is live data rather than live data plus
     *                  whatever garbage the collector has not reached yet
     */
    record Sample(OptionalLong rss, OptionalLong heap, boolean collected) {
    }

    private final BenchHttp http;
    private final OptionalLong pid;

    ServerMemory(BenchHttp http, OptionalLong pid) {
        this.http = http;
        this.pid = pid;
    }

    /** Heap and RSS after a full GC when the pid is known (connections). */
    Sample sample() {
        boolean collected = pid.isPresent() && fullGc(pid.getAsLong());
        return read(collected);
    }

    /** Heap and RSS as they are (after a traffic scenario: what the run left the server at). */
    Sample now() {
        return read(false);
    }

    private Sample read(boolean collected) {
        String metrics = http.metrics().orElse("");
        OptionalLong rss = pid.isPresent() ? procRss(pid.getAsLong()) : gauge(metrics, "urulink_process_rss_bytes");
        return new Sample(rss, gauge(metrics, "urulink_heap_used_bytes"), collected);
    }

    static OptionalLong gauge(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ")) {
                try {
                    return OptionalLong.of((long) Double.parseDouble(line.substring(name.length() + 1).strip()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong procRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no such process here, or no /proc
        }
        return OptionalLong.empty();
    }

    /** Best effort: false without jcmd (a JRE, another user's process), and the heap figure is then left out. */
    private static boolean fullGc(long pid) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroy();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
