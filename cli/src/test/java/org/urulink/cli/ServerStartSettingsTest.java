package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code urulink server start} refusing to start, in-process: each case stops before a server would run, so the
 * command returns. Its own environment keeps a config file on the machine running the tests out.
 */
class ServerStartSettingsTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nout: " + out + "\nerr: " + err;
        }
    }

    @Test
    void aHostThatDoesNotResolveIsAWrongSettingNamedWithItsOrigin() {
        Result r = start(Map.of(), "--host", "nosuch.invalid");
        assertEquals(ExitCodes.SERVER_CONFIG, r.code(), r.toString());
        assertTrue(r.err().startsWith("urulink: setting host = \"nosuch.invalid\" (from --host): does not resolve to "
                + "an address of this machine"), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertFalse(Files.exists(dir.resolve("data")), "nothing was started");
    }

    @Test
    void anAddressOfAnotherMachineIsAWrongSettingNotAPortInUse() {
        // 192.0.2.0/24 is kept for documentation (RFC 5737): no machine has it.
        Result r = start(Map.of("URULINK_HOST", "192.0.2.1"));
        assertEquals(ExitCodes.SERVER_CONFIG, r.code(), r.toString());
        assertTrue(r.err().startsWith("urulink: setting host = \"192.0.2.1\" (from URULINK_HOST): is not an address "
                + "of this machine"), r.toString());
        assertFalse(r.err().contains("port"), r.toString());
    }

    @Test
    void aPortInUseStillCannotStart() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Result r = start(Map.of(), "--host", "127.0.0.1", "--port", String.valueOf(port));
            assertEquals(ExitCodes.SERVER_CANNOT_START, r.code(), r.toString());
            assertTrue(r.err().startsWith("urulink: cannot start the server: port " + port + " on 127.0.0.1 is in use"),
                    r.toString());
        }
    }

    private Result start(Map<String, String> extraEnv, String... options) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("HOME", dir.toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("URULINK_DATA_DIR", dir.resolve("data").toString());
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == ServerCommand.Start.class ? cls.cast(new ServerCommand.Start(env))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        String[] args = new String[options.length + 2];
        args[0] = "server";
        args[1] = "start";
        System.arraycopy(options, 0, args, 2, options.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(env, dir.resolve("config/urulink"), new ByteArrayInputStream(new byte[0]),
                CliContext::noTerminal, Clock.systemUTC(), ZoneOffset.UTC);
        int code = new CommandLine(new Main(ctx), factory)
                .setExecutionExceptionHandler(new ExitPolicy())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
