package org.urulink.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The systemd unit {@code urulink setup --systemd} writes: packaging/urulink.service, pointed at the new config. */
final class SystemdUnit {
    static final Path DEFAULT = Path.of("/etc/systemd/system/urulink.service");

    private SystemdUnit() {
    }

    /**
     * @param launcher the installed {@code urulink}
     * @param user     who runs it: the user who ran setup, who owns the config, data directory and key
     */
    static String render(Path launcher, Path config, Path dataDir, Path keyFile, String user) {
        // ProtectHome=true hides /home and /root entirely, which would hide a config or data kept there.
        boolean inHome = List.of(launcher, config, dataDir, keyFile).stream().anyMatch(SystemdUnit::underHome);
        return String.join("\n",
                "# Written by `urulink setup --systemd`. Install and start:",
                "#   systemctl daemon-reload && systemctl enable --now urulink",
                "[Unit]",
                "Description=urulink chat server",
                "After=network-online.target",
                "Wants=network-online.target",
                "",
                "[Service]",
                "Type=simple",
                "User=" + user,
                "# The start-up cache the launcher records at the first start and loads at later ones (halves the",
                "# start time): a home directory is not writable here, so it goes to /var/cache/urulink.",
                "Environment=XDG_CACHE_HOME=/var/cache",
                "CacheDirectory=urulink",
                "ExecStart=" + arg(launcher) + " server start --config " + arg(config),
                "# urulink closes sessions with 1001 and finishes pending writes on SIGTERM.",
                "KillSignal=SIGTERM",
                "# A JVM ended by SIGTERM exits 143: for systemd that is a clean stop, not a failure.",
                "SuccessExitStatus=143",
                "TimeoutStopSec=30",
                "Restart=on-failure",
                "RestartSec=2",
                "NoNewPrivileges=true",
                "ProtectSystem=strict",
                "ProtectHome=" + (inHome ? "read-only" : "true"),
                "PrivateTmp=true",
                "ReadWritePaths=" + arg(dataDir),
                "",
                "[Install]",
                "WantedBy=multi-user.target",
                "");
    }

    /** The {@code urulink} on the PATH, else where install.sh puts it for everyone. */
    static Path launcher(Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "").split(":")) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir, "urulink");
                if (Files.isExecutable(candidate) && candidate.isAbsolute()) {
                    return candidate;
                }
            }
        }
        return Path.of("/usr/local/bin/urulink");
    }

    private static boolean underHome(Path p) {
        Path a = p.toAbsolutePath();
        return a.startsWith("/home") || a.startsWith("/root") || a.startsWith("/run/user");
    }

    private static String arg(Path p) {
        String s = p.toAbsolutePath().toString();
        return s.contains(" ") ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : s;
    }
}
