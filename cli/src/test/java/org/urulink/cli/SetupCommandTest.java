package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.server.ConfigLoader;
import org.urulink.server.ServerConfig;

/** {@code urulink setup} in embedded mode, and everything it refuses before reaching any backend. No services. */
class SetupCommandTest {
    @TempDir
    Path home;

    private SetupRun operator() {
        return new SetupRun(home, Map.of());
    }

    @Test
    void embeddedSetupWritesAPrivateConfigThatTheServerLoads() throws IOException {
        SetupRun op = operator();
        SetupRun.Result r = op.run("setup", "--non-interactive", "--port", "9123");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("✓ config"), r.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(op.configFile())));
        ServerConfig loaded = ConfigLoader.load(Optional.of(op.configFile()), op.env(), Map.of());
        assertEquals(9123, loaded.port());
        assertEquals("embedded", loaded.mode());
        assertTrue(Files.isDirectory(op.dataDir()));
        assertTrue(Files.exists(op.dataDir().resolve("signing.key")));
        assertTrue(r.out().contains("urulink server start"), "says how to start:\n" + r.out());
    }

    @Test
    void onlySettingsThatDifferFromTheDefaultsAreWritten() throws IOException {
        SetupRun op = operator();
        assertEquals(0, op.run("setup", "--non-interactive", "--port", "8080", "--host", "0.0.0.0",
                "--data-dir", op.dataDir().toString()).code());
        String yaml = Files.readString(op.configFile());
        assertTrue(yaml.contains("host: \"0.0.0.0\""), yaml);
        assertFalse(yaml.contains("port:"), yaml);
        assertFalse(yaml.contains("data-dir:"), yaml);
    }

    @Test
    void anExistingConfigIsKeptUnlessForced() throws IOException {
        SetupRun op = operator();
        assertEquals(0, op.run("setup", "--non-interactive", "--port", "9001").code());
        SetupRun.Result again = op.run("setup", "--non-interactive", "--port", "9002");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("kept it"), again.out());
        assertTrue(Files.readString(op.configFile()).contains("\"9001\""));
        assertEquals(0, op.run("setup", "--non-interactive", "--port", "9003", "--force").code());
        assertTrue(Files.readString(op.configFile()).contains("\"9003\""));
    }

    @Test
    void theSigningKeyIsNeverReplacedEvenWithForce() throws IOException {
        SetupRun op = operator();
        assertEquals(0, op.run("setup", "--non-interactive").code());
        byte[] key = Files.readAllBytes(op.dataDir().resolve("signing.key"));
        SetupRun.Result forced = op.run("setup", "--non-interactive", "--force", "--port", "9004");
        assertEquals(0, forced.code(), forced.toString());
        assertTrue(forced.out().contains("kept it"), forced.out());
        assertArrayEquals(key, Files.readAllBytes(op.dataDir().resolve("signing.key")));
    }

    @Test
    void aBrokenSigningKeyStopsSetupWithoutWritingAConfig() throws IOException {
        SetupRun op = operator();
        Files.createDirectories(op.dataDir());
        Files.writeString(op.dataDir().resolve("signing.key"), "c2hvcnQ\n");
        SetupRun.Result r = op.run("setup", "--non-interactive");
        assertEquals(ExitCodes.CHECK_FAILED, r.code(), r.toString());
        assertTrue(r.out().contains("✗ signing key"), r.out());
        assertEquals("c2hvcnQ\n", Files.readString(op.dataDir().resolve("signing.key")));
        assertFalse(Files.exists(op.configFile()));
    }

    @Test
    void aWrongValueIsRefusedWithoutWritingAnything() {
        SetupRun op = operator();
        SetupRun.Result r = op.run("setup", "--non-interactive", "--port", "99999");
        assertEquals(ExitCodes.SERVER_CONFIG, r.code(), r.toString());
        assertTrue(r.out().contains("✗ settings") && r.out().contains("port"), r.out());
        assertFalse(Files.exists(op.configFile()));
        assertFalse(Files.exists(op.dataDir()));
    }

    @Test
    void aHostOfAnotherMachineIsRefusedWithoutWritingAnything() {
        SetupRun op = operator();
        SetupRun.Result r = op.run("setup", "--non-interactive", "--host", "192.0.2.1");
        assertEquals(ExitCodes.SERVER_CONFIG, r.code(), r.toString());
        assertTrue(r.out().contains("✗ settings") && r.out().contains("setting host = \"192.0.2.1\" (from --host): "
                + "is not an address of this machine"), r.out());
        assertFalse(Files.exists(op.configFile()));
        assertFalse(Files.exists(op.dataDir()));
    }

    @Test
    void aClusterSetupNamesEverySettingItLacks() {
        SetupRun.Result r = operator().run("setup", "--non-interactive", "--redis-url", "redis://127.0.0.1:6379");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        for (String needed : new String[] {"--jdbc-url", "--amqp-url", "--s3-endpoint", "URULINK_S3_SECRET_KEY"}) {
            assertTrue(r.err().contains(needed), needed + " in " + r.err());
        }
    }

    @Test
    void embeddedModeRefusesClusterSettings() {
        SetupRun.Result r = operator().run("setup", "--non-interactive", "--mode", "embedded",
                "--redis-url", "redis://127.0.0.1:6379");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("redis-url"), r.err());
    }

    @Test
    void aSystemdUnitRunsServerStartWithTheConfig() throws IOException {
        SetupRun op = operator();
        Path unit = home.resolve("units/urulink.service");
        SetupRun.Result r = op.run("setup", "--non-interactive", "--systemd", unit.toString());
        assertEquals(0, r.code(), r.toString());
        String text = Files.readString(unit);
        assertTrue(text.contains("ExecStart=/usr/local/bin/urulink server start --config " + op.configFile()), text);
        assertTrue(text.contains("ReadWritePaths=" + op.dataDir()), text);
        // ProtectSystem=strict: the launcher's start-up cache needs a directory of its own to be writable.
        assertTrue(text.contains("Environment=XDG_CACHE_HOME=/var/cache\nCacheDirectory=urulink\n"), text);
        // The unit's environment differs from this shell's: the data directory is spelled out in the config.
        assertTrue(Files.readString(op.configFile()).contains("data-dir: \"" + op.dataDir() + "\""));
        assertTrue(r.out().contains("systemctl daemon-reload && systemctl enable --now urulink"), r.out());
    }

    @Test
    void interactiveEmbeddedSetupAsksOnTheTerminal() throws IOException {
        SetupRun op = operator();
        // mode, data directory (default), host (default), port
        SetupRun.Result r = op.typing("embedded\n\n\n9100\n", "setup");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.terminal().contains("[embedded]"), r.terminal());
        assertTrue(r.terminal().contains("[" + op.dataDir() + "]"), "default shown:\n" + r.terminal());
        assertTrue(r.terminal().contains("Port [8080]"), r.terminal());
        ServerConfig loaded = ConfigLoader.load(Optional.of(op.configFile()), op.env(), Map.of());
        assertEquals(9100, loaded.port());
        assertEquals(op.dataDir(), loaded.dataDir());
    }

    @Test
    void interactiveSetupReadsPasswordsWithoutEchoAndNeverPrintsThem() {
        SetupRun op = operator();
        int closed = SetupRun.closedPort();
        String typed = String.join("\n", "cluster", "", "", "",
                "jdbc:postgresql://127.0.0.1:" + closed + "/urulink", "urulink", "pg-Secret\\1!",
                "redis://127.0.0.1:" + closed, "redis-Secret-2",
                "amqp://urulink@127.0.0.1:" + closed + "/urulink", "amqp-Secret-3",
                "http://127.0.0.1:" + closed, "", "access-key", "s3-Secret-4", "", "", "") + "\n";
        SetupRun.Result r = op.typingOnXterm(typed, "setup");
        assertEquals(ExitCodes.CHECK_FAILED, r.code(), r.toString());
        assertTrue(r.terminal().contains("jdbc:postgresql://127.0.0.1:" + closed), "answers are shown:\n" + r.terminal());
        for (String secret : new String[] {"pg-Secret", "redis-Secret-2", "amqp-Secret-3", "s3-Secret-4"}) {
            assertFalse(r.terminal().contains(secret), secret + " echoed:\n" + r.terminal());
            assertFalse(r.out().contains(secret) || r.err().contains(secret), secret + " printed:\n" + r);
        }
        // The RabbitMQ password went into the URL it checked, masked.
        assertTrue(r.out().contains("amqp://urulink:***@127.0.0.1:" + closed), r.out());
        assertTrue(r.out().contains("✗ Redis") && r.out().contains("connection refused"), r.out());
        assertFalse(Files.exists(op.configFile()));
    }

    @Test
    void inputThatEndsBeforeTheLastQuestionIsAUsageError() {
        SetupRun op = operator();
        SetupRun.Result r = op.typing("embedded\n", "setup");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--non-interactive"), r.err());
        assertFalse(Files.exists(op.configFile()));
    }
}
