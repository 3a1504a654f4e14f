package org.urulink.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.urulink.client.ApiClient;
import org.urulink.client.Session;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A verb of {@code urulink}: a thin layer over the client library. Failures go through {@link ExitPolicy}
 * here, so the policy holds however the command line was built.
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    private BufferedReader stdin;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (Exception e) {
            return ExitPolicy.report(e, spec.commandLine());
        }
    }

    protected abstract int run() throws Exception;

    CliContext ctx() {
        return main.context();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The stored login; {@link org.urulink.client.NotLoggedInException} when there is none. */
    Session session() {
        return Session.resume(ctx().credentials(), ctx().clock());
    }

    ApiClient api() {
        return ApiClient.of(session());
    }

    BufferedReader stdin() {
        if (stdin == null) {
            stdin = new BufferedReader(new InputStreamReader(ctx().stdin(), StandardCharsets.UTF_8));
        }
        return stdin;
    }

    /** The password: one line of stdin with {@code --password-stdin}, else a no-echo prompt on the terminal. */
    String password(boolean fromStdin, String prompt) {
        if (fromStdin) {
            try {
                String line = stdin().readLine();
                if (line == null || line.isEmpty()) {
                    throw new UsageException("--password-stdin: no password on standard input");
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read standard input", e);
            }
        }
        char[] typed = ctx().prompt().read(prompt).orElseThrow(() -> new UsageException(
                "no terminal to ask for the password; pipe it in with --password-stdin"));
        return new String(typed);
    }
}
