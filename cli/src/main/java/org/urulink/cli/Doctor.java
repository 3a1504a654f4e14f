package org.urulink.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

import org.urulink.server.BackendChecks;

/** Runs {@link BackendChecks#doctor} on the file the server would read and prints the lines. */
final class Doctor {
    private Doctor() {
    }

    static int run(Path option, Map<String, String> env, PrintWriter out) {
        CheckLines lines = new CheckLines(out);
        BackendChecks.doctor(ConfigFiles.read(option, env), env, lines);
        out.println(lines.summary());
        out.flush();
        return lines.anyFailed() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }
}
