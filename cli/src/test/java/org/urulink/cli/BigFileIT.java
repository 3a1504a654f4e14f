package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.server.ChatServer;
import org.urulink.server.ServerConfig;

/**
 * A 200 MiB file up and down through the real {@code urulink} entry point in child JVMs with a 64 MiB heap, on
 * each file store: the bytes must stream between disk and socket, never sit whole in memory.
 */
class BigFileIT {
    static final long SIZE = 200L * 1024 * 1024;
    static final String HEAP = "-Xmx64m";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FileStore.class)
    @Timeout(90)
    void twoHundredMiBGoUpAndComeBackThroughA64MiBHeap(FileStore store) throws Exception {
        try (FileStore.Handle files = store.configure(ServerConfig.defaults(dir.resolve("data")).withPort(0)
                .withMaxFileBytes(SIZE), java.nio.file.Files.createDirectories(dir.resolve("s3")));
             ChatServer server = ChatServer.start(files.config())) {
            Map<String, String> env = Map.of("URULINK_SERVER", server.baseUri().toString());
            User alice = user("alice", env);
            User bob = user("bob", env);
            Path big = sparseFile(alice.work().resolve("disk.img"));

            Run sent = alice.urulink("send", "--file", "disk.img", "bob", "the", "image");
            assertEquals(0, sent.code(), sent.toString());
            Matcher m = FileCommandsTest.SENT_FILE.matcher(sent.out());
            assertTrue(m.matches(), sent.out());
            assertEquals("disk.img (200.0 MiB)", m.group(1) + " (" + m.group(2) + ")");

            Run got = bob.urulink("download", m.group(4));
            assertEquals(0, got.code(), got.toString());
            assertEquals("saved disk.img (200.0 MiB)\n", got.out());
            assertEquals(FileCommandsTest.sha256(big), FileCommandsTest.sha256(bob.work().resolve("disk.img")));
        }
    }

    /** Mostly holes (quick to write, no disk), with random stretches so a shifted or dropped chunk shows. */
    private static Path sparseFile(Path path) throws IOException {
        Random random = new Random(42);
        byte[] chunk = new byte[1024 * 1024];
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(SIZE);
            for (long at : new long[] {0, SIZE / 3 + 12_345, SIZE / 2, SIZE - chunk.length}) {
                random.nextBytes(chunk);
                f.seek(at);
                f.write(chunk);
            }
        }
        return path;
    }

    private User user(String name, Map<String, String> env) throws IOException {
        Path xdg = Files.createDirectories(dir.resolve(name + "-config"));
        Path work = Files.createDirectories(dir.resolve(name + "-work"));
        new Cli(xdg.resolve("urulink"), env).signUp(name);
        return new User(xdg, work, env);
    }

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nout: " + out + "\nerr: " + err;
        }
    }

    /** One person's shell: their config home and working directory. */
    record User(Path xdgConfig, Path work, Map<String, String> env) {
        /** {@code urulink args} in a child JVM (this JVM's java and class path) with a 64 MiB heap. */
        Run urulink(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    HEAP, "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args));
            Path out = Files.createTempFile(work, "out", ".txt");
            Path err = Files.createTempFile(work, "err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            pb.environment().put("XDG_CONFIG_HOME", xdgConfig.toString());
            Process p = pb.start();
            if (!p.waitFor(40, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("urulink " + String.join(" ", args) + " did not finish in 40 s");
            }
            Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            assertFalse(run.err().contains("OutOfMemoryError"), run.err());
            return run;
        }
    }
}
