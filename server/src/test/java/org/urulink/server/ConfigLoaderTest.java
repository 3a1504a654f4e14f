package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void clusterSettingsFromTheEnvironmentMakeClusterMode() {
        ServerConfig c = ConfigLoader.load(Optional.empty(), Map.of("URULINK_DATA_DIR", dir.toString(),
                "URULINK_JDBC_URL", "jdbc:postgresql://db:5432/urulink", "URULINK_JDBC_USER", "chat",
                "URULINK_REDIS_URL", "redis://cache:6379", "URULINK_AMQP_URL", "amqp://u:p@mq:5672",
                "URULINK_NODE_ID", "node-a"), Map.of());
        assertEquals("cluster", c.mode());
        assertEquals("jdbc:postgresql://db:5432/urulink", c.backends().database().orElseThrow().jdbcUrl());
        assertEquals("chat", c.backends().database().orElseThrow().user());
        assertEquals("cache", c.backends().redis().orElseThrow().getHost());
        assertEquals("node-a", c.backends().nodeId().orElseThrow());
    }

    @Test
    void s3SettingsDefaultBucketRegionAndPublicEndpoint() throws IOException {
        Path file = dir.resolve("urulink.yaml");
        Files.writeString(file, "s3-endpoint: http://minio:9000\ns3-access-key: ak\ns3-secret-key: sk\n");
        Backends.S3 s3 = ConfigLoader.load(Optional.of(file), Map.of("URULINK_DATA_DIR", dir.toString()), Map.of())
                .backends().s3().orElseThrow();
        assertEquals("urulink", s3.bucket());
        assertEquals("us-east-1", s3.region());
        assertEquals(s3.endpoint(), s3.publicEndpoint());
    }

    @Test
    void s3WithoutItsKeysIsRefusedNamingTheMissingKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
                Map.of("URULINK_S3_ENDPOINT", "http://minio:9000", "URULINK_S3_ACCESS_KEY", "ak"), Map.of()));
        assertTrue(e.getMessage().contains("s3-secret-key"), e.getMessage());
    }

    @Test
    void amqpWithoutSharedPresenceAndHistoryIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
                Map.of("URULINK_AMQP_URL", "amqp://mq:5672"), Map.of()));
        assertTrue(e.getMessage().contains("redis-url"), e.getMessage());
    }

    @Test
    void aWrongSchemeIsExplained() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
                Map.of("URULINK_JDBC_URL", "jdbc:mysql://db/urulink"), Map.of()));
        assertTrue(e.getMessage().contains("jdbc:postgresql:"), e.getMessage());
    }

    @Test
    void secretsNeverAppearInErrorsOrDescriptions() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
                Map.of("URULINK_REDIS_URL", "http://:hunter22@cache:6379"), Map.of()));
        assertFalse(e.getMessage().contains("hunter22"), e.getMessage());
        ServerConfig c = ConfigLoader.load(Optional.empty(), Map.of("URULINK_DATA_DIR", dir.toString(),
                "URULINK_JDBC_URL", "jdbc:postgresql://db/u?password=hunter22", "URULINK_JDBC_PASSWORD", "hunter22",
                "URULINK_REDIS_URL", "redis://:hunter22@cache:6379", "URULINK_S3_ENDPOINT", "http://minio:9000",
                "URULINK_S3_ACCESS_KEY", "ak", "URULINK_S3_SECRET_KEY", "hunter22"), Map.of());
        assertFalse(c.toString().contains("hunter22"), c.toString());
        assertFalse(c.backends().describe().contains("hunter22"), c.backends().describe());
    }

    @Test
    void fileTypesAreAListOfContentTypes() {
        ServerConfig c = ConfigLoader.load(Optional.empty(), Map.of("URULINK_DATA_DIR", dir.toString(),
                "URULINK_FILE_TYPES", "image/*, Application/PDF"), Map.of());
        assertEquals(java.util.List.of("image/*", "application/pdf"), c.fileTypes());
        assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
                Map.of("URULINK_FILE_TYPES", "pictures"), Map.of()));
    }

    @Test
    void aHostThatDoesNotResolveIsAWrongSettingNamedWithItsOrigin() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
                Map.of("URULINK_DATA_DIR", dir.toString()), Map.of("host", "nosuch.invalid")));
        assertTrue(e.getMessage().startsWith("setting host = \"nosuch.invalid\" (from --host): does not resolve to "
                + "an address of this machine"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void anAddressThisMachineDoesNotHaveIsAWrongSetting() throws IOException {
        // 192.0.2.0/24 is kept for documentation (RFC 5737): no machine has it.
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
                Map.of("URULINK_DATA_DIR", dir.toString(), "URULINK_HOST", "192.0.2.1"), Map.of()));
        assertTrue(e.getMessage().startsWith("setting host = \"192.0.2.1\" (from URULINK_HOST): is not an address "
                + "of this machine"), e.getMessage());
        Path file = dir.resolve("urulink.yaml");
        Files.writeString(file, "host: 192.0.2.1\n");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("(from " + file + ")"), e.getMessage());
    }

    @Test
    void theWildcardLoopbackNamesAndThisMachinesAddressesAreHosts() throws IOException {
        List<String> hosts = new ArrayList<>(List.of("0.0.0.0", "::", "127.0.0.1", "localhost", "127.0.0.2"));
        // An address of a real interface, as an operator listing `ip addr` would pick one.
        NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst()
                .ifPresent(a -> hosts.add(a.getHostAddress()));
        for (String host : hosts) {
            ServerConfig c = ConfigLoader.load(Optional.empty(), Map.of("URULINK_DATA_DIR", dir.toString()),
                    Map.of("host", host));
            assertEquals(host, c.host());
        }
    }
}
