package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.client.ApiClient;
import org.urulink.client.CredentialsFile;
import org.urulink.client.Session;
import org.urulink.server.ChatServer;
import org.urulink.server.ServerConfig;

/** Files of 0 B, 1 B and 5 MiB sent through the CLI to a user and to a group, on each file store, come back whole. */
class FileStoresIT {
    static final int[] SIZES = {0, 1, 5 * 1024 * 1024};

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FileStore.class)
    void filesSentToAUserAndAGroupComeBackByteForByte(FileStore store) throws Exception {
        try (FileStore.Handle files = store.configure(ServerConfig.defaults(dir.resolve("data")).withPort(0),
                Files.createDirectories(dir.resolve("s3")));
             ChatServer server = ChatServer.start(files.config())) {
            Map<String, String> env = Map.of("URULINK_SERVER", server.baseUri().toString());
            Cli alice = account("alice", env);
            Cli bob = account("bob", env);
            Cli carol = account("carol", env);
            Session aliceSession = Session.resume(CredentialsFile.in(dir.resolve("alice-config")),
                    java.time.Clock.systemUTC());
            String group = ApiClient.of(aliceSession).createGroup("crew", List.of("bob", "carol")).id();
            for (int size : SIZES) {
                Path original = file(Files.createDirectories(dir.resolve("out-" + size)), "f" + size + ".bin", size);
                for (String to : List.of("bob", group)) {
                    String id = send(alice.in(original.getParent()), original.getFileName().toString(), to);
                    Cli reader = to.equals("bob") ? bob : carol;
                    Path into = Files.createDirectories(dir.resolve("in-" + size + "-" + to.length()));
                    Cli.Result got = reader.in(into).run("download", id);
                    assertEquals(0, got.code(), store + " " + size + " B to " + to + ": " + got);
                    assertEquals(FileCommandsTest.sha256(original), FileCommandsTest.sha256(into.resolve(
                            original.getFileName())), store + " " + size + " B to " + to);
                }
            }
        }
    }

    private static String send(Cli from, String file, String to) {
        Cli.Result sent = from.run("send", "--file", file, to);
        assertEquals(0, sent.code(), sent.toString());
        Matcher m = FileCommandsTest.SENT_FILE.matcher(sent.out());
        assertTrue(m.matches(), sent.out());
        return m.group(4);
    }

    private Cli account(String name, Map<String, String> env) {
        return new Cli(dir.resolve(name + "-config"), env).signUp(name);
    }

    private static Path file(Path dir, String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }
}
