package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees after {@code urulink server start}: where to connect, which mode it runs in and where its
 * data lives. Run as a real process because the command blocks until SIGTERM and reconfigures JVM-wide logging.
 */
class ServerStartIT {
    private static final String LAST_BANNER_LINE = "Press Ctrl+C to stop.";

    @TempDir
    Path dir;

    @Test
    void startUpNamesTheAddressTheModeAndTheDataDirectory() throws Exception {
        Path data = dir.resolve("data");
        // Its own config home, so a config file on the machine running the tests cannot change the mode.
        Map<String, String> env = Map.of("URULINK_DATA_DIR", data.toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString());
        try (NodeProcess node = new NodeProcess(NodeProcess.freePort(), env, dir.resolve("server.log"))) {
            node.ready(Duration.ofSeconds(60));
            List<String> lines = banner(node, Duration.ofSeconds(10));
            String url = "http://127.0.0.1:" + node.port;
            assertTrue(lines.stream().anyMatch(l -> l.contains("listening on " + url)
                    && l.contains("ws://127.0.0.1:" + node.port + "/ws")), "names the address:\n" + lines);
            assertTrue(lines.stream().anyMatch(l -> l.matches("mode: +embedded \\(.*")), "names the mode:\n" + lines);
            assertTrue(lines.stream().anyMatch(l -> l.matches("data: +" + Pattern.quote(data.toString()))),
                    "names the data directory:\n" + lines);
        }
    }

    /** The output up to the banner's last line; /health answers a moment before the banner is printed. */
    private static List<String> banner(NodeProcess node, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<String> lines = Files.readAllLines(node.log);
            if (lines.contains(LAST_BANNER_LINE) || System.nanoTime() > deadline) {
                return lines;
            }
            Thread.sleep(50);
        }
    }
}
