package org.urulink.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;

import org.urulink.server.ChatServer;
import org.urulink.server.ConfigException;
import org.urulink.server.ConfigLoader;
import org.urulink.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code urulink server ...}: runs the chat server. */
@Command(name = "server", description = "Run the urulink chat server.",
        subcommands = {ServerCommand.Start.class}, mixinStandardHelpOptions = true)
public final class ServerCommand implements Callable<Integer> {
    /** Exit code for a wrong setting (sysexits EX_CONFIG). */
    public static final int EXIT_CONFIG = 78;
    /** Exit code when the server cannot start (port in use, data directory not writable). */
    public static final int EXIT_CANNOT_START = 69;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start the chat server and serve until stopped (Ctrl+C or SIGTERM).",
                "",
                "With no configuration it runs on the embedded default: SQLite in the data directory, presence and "
                        + "delivery in-process. Settings come from flags, then URULINK_* environment variables, then "
                        + "the config file, then defaults."},
            footerHeading = "%nSettings (config file key / environment variable):%n",
            footer = {"  host               URULINK_HOST               address to listen on (127.0.0.1)",
                "  port               URULINK_PORT               port to listen on (8080)",
                "  data-dir           URULINK_DATA_DIR           database, key and files ($XDG_DATA_HOME/urulink)",
                "  signing-key-file   URULINK_SIGNING_KEY_FILE   token key shared by all nodes (<data-dir>/signing.key)",
                "  access-token-ttl   URULINK_ACCESS_TOKEN_TTL   access token lifetime (15m)",
                "  refresh-token-ttl  URULINK_REFRESH_TOKEN_TTL  login lifetime unused; refreshes extend it (30d)",
                "  max-body-bytes     URULINK_MAX_BODY_BYTES     largest message body (16384)",
                "  max-frame-bytes    URULINK_MAX_FRAME_BYTES    largest WebSocket frame (65536)",
                "  max-file-bytes     URULINK_MAX_FILE_BYTES     largest uploaded file (104857600)",
                "  blob-url-ttl       URULINK_BLOB_URL_TTL       signed file URL lifetime (15m)",
                "  jdbc-url, redis-url, amqp-url, s3-*, node-id: a cluster node; see urulink setup --help",
                "",
                "Examples:",
                "  urulink server start",
                "  urulink server start --host 0.0.0.0 --port 9000",
                "  URULINK_DATA_DIR=/srv/urulink urulink server start --config /etc/urulink/urulink.yaml"})
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--host", paramLabel = "ADDR",
                description = "Address of this machine to listen on (default 127.0.0.1; 0.0.0.0 for every interface).")
        String host;

        @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default 8080).")
        String port;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default $XDG_DATA_HOME/urulink).")
        String dataDir;

        @Option(names = "--config", paramLabel = "FILE",
                description = "YAML config file (default $XDG_CONFIG_HOME/urulink/urulink.yaml when it exists).")
        Path config;

        private final Map<String, String> env;

        Start() {
            this(System.getenv());
        }

        Start(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            quietLibraryLogging();
            ServerConfig config;
            try {
                config = ConfigLoader.load(ConfigFiles.read(this.config, env), env, flags());
            } catch (ConfigException e) {
                err.println("urulink: " + e.getMessage());
                return EXIT_CONFIG;
            }
            ChatServer server;
            try {
                StartFailure.checkPortFree(config);
                server = ChatServer.start(config);
            } catch (RuntimeException e) {
                err.println("urulink: cannot start the server: " + StartFailure.explain(e, config));
                return EXIT_CANNOT_START;
            }
            printBanner(out, config, server);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                server.close();
                out.println("urulink stopped");
                out.flush();
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        }

        private Map<String, String> flags() {
            Map<String, String> flags = new LinkedHashMap<>();
            if (host != null) {
                flags.put("host", host);
            }
            if (port != null) {
                flags.put("port", port);
            }
            if (dataDir != null) {
                flags.put("data-dir", dataDir);
            }
            return flags;
        }

        private static void printBanner(PrintWriter out, ServerConfig config, ChatServer server) {
            out.printf("urulink %s listening on %s (WebSocket ws://%s:%d/ws)%n", ChatServer.version(),
                    server.baseUri(), config.host(), server.port());
            out.printf("mode:    %s (%s)%n", config.mode(), config.backends().describe());
            server.nodeId().ifPresent(id -> out.printf("node:    %s%n", id));
            out.printf("data:    %s%n", config.dataDir());
            out.println("Press Ctrl+C to stop.");
            out.flush();
        }
    }

    /** Our logging: our lines at INFO, libraries at WARNING (see urulink-logging.properties). */
    static void quietLibraryLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = ServerCommand.class.getResourceAsStream("/urulink-logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
