package org.urulink.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalInt;

import picocli.CommandLine;

/**
 * Runs {@code urulink} in-process as one user's terminal: its own config dir, env, working directory and stdin,
 * no console; stderr is a terminal only when made one with {@link #onTerminal}.
 */
record Cli(Path configDir, Map<String, String> env, Path workDir, StderrTerminal terminal) {

    /** No terminal; the working directory is the config directory (a test's own temporary directory). */
    Cli(Path configDir, Map<String, String> env) {
        this(configDir, env, configDir, StderrTerminal.NONE);
    }

    /** The same user working in {@code dir}. */
    Cli in(Path dir) {
        return new Cli(configDir, env, dir, terminal);
    }

    /** The same user with stderr on a terminal {@code columns} wide. */
    Cli onTerminal(int columns) {
        return new Cli(configDir, env, workDir, () -> OptionalInt.of(columns));
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nout: " + out + "\nerr: " + err;
        }
    }

    /** Registers {@code name} with the password {@code password-<name>} and logs in: a ready account. */
    Cli signUp(String name) {
        String pw = "password-" + name + "\n";
        org.junit.jupiter.api.Assertions.assertEquals(0, runWithStdin(pw, "register", name, "--password-stdin").code());
        org.junit.jupiter.api.Assertions.assertEquals(0, runWithStdin(pw, "login", name, "--password-stdin").code());
        return this;
    }

    Result run(String... args) {
        return runWithStdin("", args);
    }

    Result runWithStdin(String stdin, String... args) {
        CliContext ctx = new CliContext(env, configDir,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), CliContext::noTerminal,
                Clock.systemUTC(), ZoneOffset.UTC, workDir, terminal);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main(ctx))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
