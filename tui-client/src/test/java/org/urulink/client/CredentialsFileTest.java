package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.protocol.UserInfo;

class CredentialsFileTest {
    @TempDir
    Path dir;

    private static Credentials sample(String access) {
        return new Credentials(URI.create("http://127.0.0.1:8080"), new UserInfo("id-1", "alice", "Alice"),
                access, "r1.secret", 1_764_052_800_000L);
    }

    @Test
    void savedCredentialsReadBackTheSame() {
        CredentialsFile file = CredentialsFile.in(dir.resolve("urulink"));
        file.save(sample("a1"));
        assertEquals(Optional.of(sample("a1")), file.load());
    }

    @Test
    void fileIsCreatedWithMode0600AndDirectoryWith0700() throws IOException {
        CredentialsFile file = CredentialsFile.in(dir.resolve("urulink"));
        file.save(sample("a1"));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file.path()));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(dir.resolve("urulink")));
    }

    @Test
    void replacingKeepsMode0600AndLeavesNoTemporaryFile() throws IOException {
        CredentialsFile file = CredentialsFile.in(dir);
        file.save(sample("a1"));
        file.save(sample("a2"));
        assertEquals("a2", file.load().orElseThrow().accessToken());
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file.path());
        assertEquals(PosixFilePermissions.fromString("rw-------"), mode);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void missingFileMeansNoLogin() {
        assertTrue(CredentialsFile.in(dir).load().isEmpty());
    }

    @Test
    void aDamagedFileAsksToLogInAgain() throws IOException {
        CredentialsFile file = CredentialsFile.in(dir);
        Files.writeString(file.path(), "{not json");
        NotLoggedInException e = org.junit.jupiter.api.Assertions.assertThrows(NotLoggedInException.class, file::load);
        assertTrue(e.getMessage().contains("log in again"), e.getMessage());
    }

    @Test
    void clearDeletesTheFile() {
        CredentialsFile file = CredentialsFile.in(dir);
        file.save(sample("a1"));
        file.clear();
        assertFalse(Files.exists(file.path()));
    }

    @Test
    void configDirFollowsXdgConfigHomeElseDotConfig() {
        Path home = Path.of("/home/alice");
        assertEquals(Path.of("/x/urulink"), CredentialsFile.defaultConfigDir(Map.of("XDG_CONFIG_HOME", "/x"), home));
        assertEquals(Path.of("/home/alice/.config/urulink"), CredentialsFile.defaultConfigDir(Map.of(), home));
    }

    @Test
    void toStringNeverShowsTokens() {
        String s = sample("secret-access").toString();
        assertFalse(s.contains("secret-access") || s.contains("r1.secret"), s);
    }
}
