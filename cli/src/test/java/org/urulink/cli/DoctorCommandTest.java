package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code urulink doctor} on embedded configs. No services. */
class DoctorCommandTest {
    @TempDir
    Path home;

    @Test
    void doctorPassesOnAFreshEmbeddedSetup() {
        SetupRun op = new SetupRun(home, Map.of());
        assertEquals(0, op.run("setup", "--non-interactive", "--port", String.valueOf(SetupRun.closedPort())).code());
        SetupRun.Result r = op.run("doctor");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("✓ config") && r.out().contains("loads (embedded)"), r.out());
        assertTrue(r.out().contains("✓ database pages"), r.out());
        assertTrue(r.out().contains("All 5 checks passed."), r.out());
    }

    @Test
    void aConfigThatDoesNotLoadFails() throws IOException {
        SetupRun.Result r = doctorOn("bogus: 1\n");
        assertEquals(ExitCodes.CHECK_FAILED, r.code(), r.toString());
        assertTrue(r.out().contains("✗ config") && r.out().contains("unknown setting \"bogus\""), r.out());
    }

    @Test
    void aPortInUseFails() throws IOException {
        SetupRun op = new SetupRun(home, Map.of());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path config = home.resolve("urulink.yaml");
            Files.writeString(config, "port: " + taken.getLocalPort() + "\n");
            SetupRun.Result r = op.run("doctor", "--config", config.toString());
            assertEquals(ExitCodes.CHECK_FAILED, r.code(), r.toString());
            assertTrue(r.out().contains("✗ port"), r.out());
        }
    }

    @Test
    void aHostOfAnotherMachineFailsAsTheConfig() throws IOException {
        SetupRun.Result r = doctorOn("host: nosuch.invalid\n");
        assertEquals(ExitCodes.CHECK_FAILED, r.code(), r.toString());
        assertTrue(r.out().contains("✗ config") && r.out().contains("setting host = \"nosuch.invalid\" (from "
                + home.resolve("doctor.yaml") + "): does not resolve to an address of this machine"), r.out());
    }

    /** Runs doctor on a config file holding {@code yaml}. */
    private SetupRun.Result doctorOn(String yaml) throws IOException {
        Path config = home.resolve("doctor.yaml");
        Files.writeString(config, yaml);
        return new SetupRun(home, Map.of()).run("doctor", "--config", config.toString());
    }

    @Test
    void thePortOfTheRunningServerItChecksPasses() throws IOException {
        SetupRun op = new SetupRun(home, Map.of());
        Path data = home.resolve("data");
        try (org.urulink.server.ChatServer running = org.urulink.server.ChatServer.start(
                org.urulink.server.ServerConfig.defaults(data).withPort(0))) {
            Path config = home.resolve("urulink.yaml");
            Files.writeString(config, "port: " + running.port() + "\ndata-dir: " + data + "\n");
            SetupRun.Result r = op.run("doctor", "--config", config.toString());
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("✓ port") && r.out().contains("served by a running urulink"), r.out());
        }
    }

    @Test
    void aClusterNodeWithoutTheSharedSigningKeyFails() throws IOException {
        SetupRun op = new SetupRun(home, Map.of());
        Path config = home.resolve("urulink.yaml");
        int closed = SetupRun.closedPort();
        Files.writeString(config, "port: " + closed + "\njdbc-url: jdbc:postgresql://127.0.0.1:" + closed + "/x\n");
        SetupRun.Result r = op.run("doctor", "--config", config.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.code(), r.toString());
        assertTrue(r.out().contains("✗ signing key") && r.out().contains("copy the key file"), r.out());
        assertTrue(r.out().contains("✗ PostgreSQL") && r.out().contains("connection refused"), r.out());
    }
}
