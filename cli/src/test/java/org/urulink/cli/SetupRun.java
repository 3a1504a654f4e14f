package org.urulink.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.impl.ExternalTerminal;
import picocli.CommandLine;

/**
 * Runs {@code urulink setup} / {@code doctor} in-process for one operator: their own home (config and data under
 * it), their environment, and for the interactive path a JLine terminal over piped streams that types
 * {@code typed}.
 */
final class SetupRun {
    record Result(int code, String out, String err, String terminal) {
        @Override
        public String toString() {
            return "exit " + code + "\nout: " + out + "\nerr: " + err + "\nterminal: " + terminal;
        }
    }

    private final Path home;
    private final Map<String, String> env;

    SetupRun(Path home, Map<String, String> extraEnv) {
        this.home = home;
        Map<String, String> e = new HashMap<>(extraEnv);
        e.put("HOME", home.toString());
        e.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        e.put("XDG_DATA_HOME", home.resolve("data").toString());
        e.put("PATH", "");
        this.env = Map.copyOf(e);
    }

    Map<String, String> env() {
        return env;
    }

    /** Where setup writes by default. */
    Path configFile() {
        return home.resolve("config/urulink/urulink.yaml");
    }

    Path dataDir() {
        return home.resolve("data/urulink");
    }

    Result run(String... args) {
        return with(out -> {
            throw new IOException("no terminal in this test");
        }, args);
    }

    /** Runs on a dumb terminal (as with piped input) on which {@code typed} is typed. */
    Result typing(String typed, String... args) {
        return with(screen -> new DumbTerminal("test", "dumb", input(typed), screen, StandardCharsets.UTF_8), args);
    }

    /**
     * Runs on an xterm on which {@code typed} is typed. As on a real terminal, whose echo JLine turns off, the screen
     * shows only what the program draws: the answers it redraws as they are typed, and no secret.
     */
    Result typingOnXterm(String typed, String... args) {
        Attributes noEcho = new Attributes();
        noEcho.setLocalFlag(Attributes.LocalFlag.ECHO, false);
        return with(screen -> new ExternalTerminal(null, "test", "xterm", input(typed), screen, StandardCharsets.UTF_8,
                Terminal.SignalHandler.SIG_DFL, false, noEcho, new Size(120, 40)), args);
    }

    private static ByteArrayInputStream input(String typed) {
        return new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8));
    }

    private interface Screen {
        Terminal open(ByteArrayOutputStream screen) throws IOException;
    }

    private Result with(Screen screens, String... args) {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        SetupCommand.TerminalSource terminal = () -> screens.open(screen);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == SetupCommand.class ? cls.cast(new SetupCommand(terminal))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        CliContext ctx = new CliContext(env, home.resolve("config/urulink"), new ByteArrayInputStream(new byte[0]),
                CliContext::noTerminal, Clock.systemUTC(), ZoneOffset.UTC);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main(ctx), factory)
                .setExecutionExceptionHandler(new ExitPolicy())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(code, out.toString(), err.toString(), screen.toString(StandardCharsets.UTF_8));
    }

    /** A port nothing listens on (taken and released again). */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
