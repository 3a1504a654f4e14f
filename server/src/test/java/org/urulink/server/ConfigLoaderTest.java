package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void noSettingsMeansEmbeddedDefaultsUnderXdgDataHome() {
        ServerConfig c = ConfigLoader.load(Optional.empty(), Map.of("XDG_DATA_HOME", dir.toString()), Map.of());
        assertEquals("127.0.0.1", c.host());
        assertEquals(8080, c.port());
        assertEquals(dir.resolve("urulink"), c.dataDir());
        assertEquals(dir.resolve("urulink").resolve("signing.key"), c.signingKeyFile());
        assertEquals(Duration.ofMinutes(15), c.accessTokenTtl());
        assertEquals("embedded", c.mode());
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws IOException {
        Path file = dir.resolve("urulink.yaml");
        Files.writeString(file, "port: 7000\nhost: 0.0.0.0\naccess-token-ttl: 2h\n");
        ServerConfig c = ConfigLoader.load(Optional.of(file),
                Map.of("URULINK_PORT", "7001", "URULINK_DATA_DIR", dir.toString()), Map.of("port", "7002"));
        assertEquals(7002, c.port());
        assertEquals("0.0.0.0", c.host());
        assertEquals(Duration.ofHours(2), c.accessTokenTtl());
        assertEquals(dir, c.dataDir());
    }

    @Test
    void aBadValueNamesTheSettingAndWhereItCameFrom() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
                Map.of("URULINK_PORT", "eighty"), Map.of()));
        assertTrue(e.getMessage().contains("port"), e.getMessage());
        assertTrue(e.getMessage().contains("URULINK_PORT"), e.getMessage());
    }

    @Test
    void fileLimitAndUrlLifetimeComeFromTheEnvironment() {
        ServerConfig c = ConfigLoader.load(Optional.empty(), Map.of("URULINK_DATA_DIR", dir.toString(),
                "URULINK_MAX_FILE_BYTES", "2048", "URULINK_BLOB_URL_TTL", "2m"), Map.of());
        assertEquals(2048, c.maxFileBytes());
        assertEquals(java.time.Duration.ofMinutes(2), c.blobUrlTtl());
    }

    @Test
    void anOutOfRangePortIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("port", "70000")));
        assertTrue(e.getMessage().contains("0 to 65535"), e.getMessage());
    }

    @Test
    void anUnknownKeyInTheFileIsNamed() throws IOException {
        Path file = dir.resolve("urulink.yaml");
        Files.writeString(file, "prot: 8080\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of(),
                Map.of()));
        assertTrue(e.getMessage().contains("\"prot\""), e.getMessage());
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(missing), Map.of(),
                Map.of()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void durationsReadHumanAndIsoForms() {
        assertEquals(Duration.ofSeconds(90), ConfigLoader.duration("90s"));
        assertEquals(Duration.ofDays(30), ConfigLoader.duration("30d"));
        assertEquals(Duration.ofMinutes(15), ConfigLoader.duration("PT15M"));
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.duration("soon"));
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.duration("0s"));
    }

    @Test
    void unrelatedEnvironmentVariablesAreIgnored() {
        ServerConfig c = ConfigLoader.load(Optional.empty(), Map.of("URULINK_SERVER", "http://x", "HOME", dir.toString()),
                Map.of());
        assertEquals(dir.resolve(".local/share/urulink"), c.dataDir());
    }
}
