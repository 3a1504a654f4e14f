package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.client.ApiClient;
import org.urulink.client.CredentialsFile;
import org.urulink.client.Session;
import org.urulink.server.ChatServer;
import org.urulink.server.ServerConfig;

/** send --file, download and history's file lines, against a real server with a small file size limit. */
class FileCommandsTest {
    static final long LIMIT = 4L * 1024 * 1024;
    static final Pattern SENT_FILE = Pattern.compile(
            "sent (.+) \\((.+)\\) to (\\S+) \\(seq \\d+, file ([0-9a-f-]{36})\\)\\n");

    @TempDir
    static Path data;
    static ChatServer server;
    static Cli alice;
    static Cli bob;
    static Cli carol;

    @TempDir
    Path aliceDir;
    @TempDir
    Path bobDir;

    @BeforeAll
    static void start() {
        server = ChatServer.start(ServerConfig.defaults(data).withPort(0).withMaxFileBytes(LIMIT));
        Map<String, String> env = Map.of("URULINK_SERVER", server.baseUri().toString());
        alice = account("alice", env);
        bob = account("bob", env);
        carol = account("carol", env);
    }

    private static Cli account(String name, Map<String, String> env) {
        return new Cli(data.resolve(name + "-config"), env).signUp(name);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void fileSentWithACaptionDownloadsByteForByte() throws IOException {
        Path report = randomFile(aliceDir, "report.pdf", 3 * 1024 * 1024 + 5);
        Cli.Result sent = alice.in(aliceDir).run("send", "--file", "report.pdf", "bob", "the", "Q3", "numbers");
        assertEquals(0, sent.code(), sent.toString());
        Matcher m = matches(SENT_FILE, sent.out());
        assertEquals(List.of("report.pdf", "3.0 MiB", "bob"), List.of(m.group(1), m.group(2), m.group(3)));
        assertEquals("", sent.err(), "quiet when stderr is no terminal");

        Cli.Result got = bob.in(bobDir).run("download", m.group(4));
        assertEquals(0, got.code(), got.toString());
        assertEquals("saved report.pdf (3.0 MiB)\n", got.out());
        assertEquals("", got.err());
        assertEquals(sha256(report), sha256(bobDir.resolve("report.pdf")));
    }

    @Test
    void historyListsEachFileWithItsIdUnderTheMessage() throws IOException {
        randomFile(aliceDir, "a.png", 2048);
        randomFile(aliceDir, "b.png", 10);
        Cli.Result sent = alice.in(aliceDir).run("send", "-f", "a.png", "-f", "b.png", "carol", "two pictures");
        assertEquals(0, sent.code(), sent.toString());
        List<String> ids = List.of(sent.out().replaceFirst("(?s).*files (.*)\\)\\n", "$1").split(", "));
        assertEquals(2, ids.size(), sent.out());

        List<String> lines = carol.run("history", "alice", "--limit", "1").out().lines().toList();
        assertTrue(lines.get(0).endsWith("  alice: two pictures"), lines.get(0));
        String indent = " ".repeat(lines.get(0).indexOf("two pictures"));
        assertEquals(indent + "[file] a.png, 2.0 KiB, id " + ids.get(0), lines.get(1));
        assertEquals(indent + "[file] b.png, 10 B, id " + ids.get(1), lines.get(2));
    }

    @Test
    void fileWithoutCaptionShowsTheFileOnTheMessageLine() throws IOException {
        randomFile(aliceDir, "solo.txt", 100);
        Matcher m = matches(SENT_FILE, alice.in(aliceDir).run("send", "--file", "solo.txt", "carol").out());
        String last = carol.run("history", "alice", "--limit", "1").out();
        assertTrue(last.matches("\\S+ \\S+  alice: \\[file] solo.txt, 100 B, id " + m.group(4) + "\\n"), last);
    }

    @Test
    void interruptedDownloadFetchesOnlyWhatIsMissing() throws IOException {
        Path movie = randomFile(aliceDir, "movie.mkv", 3 * 1024 * 1024);
        String id = matches(SENT_FILE, alice.in(aliceDir).run("send", "-f", "movie.mkv", "bob").out()).group(4);
        byte[] firstMiB = java.util.Arrays.copyOf(Files.readAllBytes(movie), 1024 * 1024);
        Files.write(bobDir.resolve("movie.mkv.part"), firstMiB);

        Cli.Result got = bob.in(bobDir).run("download", id);
        assertEquals(0, got.code(), got.toString());
        assertEquals("saved movie.mkv (3.0 MiB, resumed after 1.0 MiB)\n", got.out());
        assertEquals(sha256(movie), sha256(bobDir.resolve("movie.mkv")));
        assertFalse(Files.exists(bobDir.resolve("movie.mkv.part")));
    }

    @Test
    void downloadNeverReplacesAFileUnlessForced() throws IOException {
        Path notes = randomFile(aliceDir, "notes.txt", 500);
        String id = matches(SENT_FILE, alice.in(aliceDir).run("send", "-f", "notes.txt", "bob").out()).group(4);
        Path mine = Files.writeString(bobDir.resolve("notes.txt"), "my own notes");

        Cli.Result refused = bob.in(bobDir).run("download", id);
        assertEquals(ExitCodes.FILE_PROBLEM, refused.code(), refused.toString());
        assertEquals("urulink: " + mine + ": exists already; add --force to replace it, or -o to save elsewhere\n",
                refused.err());
        assertEquals("my own notes", Files.readString(mine));

        assertEquals(0, bob.in(bobDir).run("download", id, "--force").code());
        assertArrayEquals(Files.readAllBytes(notes), Files.readAllBytes(mine));
    }

    @Test
    void downloadIntoADirectoryKeepsTheFilesName() throws IOException {
        randomFile(aliceDir, "photo.jpg", 700);
        String id = matches(SENT_FILE, alice.in(aliceDir).run("send", "-f", "photo.jpg", "bob").out()).group(4);
        Path pictures = Files.createDirectory(bobDir.resolve("Pictures"));
        Cli.Result got = bob.in(bobDir).run("download", id, "-o", "Pictures");
        assertEquals("saved " + Path.of("Pictures", "photo.jpg") + " (700 B)\n", got.out());
        assertEquals(700, Files.size(pictures.resolve("photo.jpg")));
    }

    @Test
    void fileOverTheLimitIsRefusedBeforeItIsUploaded() throws IOException {
        Path big = aliceDir.resolve("big.iso");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(LIMIT + 1);
        }
        // On a terminal, so an upload that started would have drawn a progress bar.
        Cli.Result r = alice.in(aliceDir).onTerminal(80).run("send", "--file", "big.iso", "bob", "too big?");
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.toString());
        assertEquals("urulink: big.iso is too large: the file is " + (LIMIT + 1) + " bytes; the limit is " + LIMIT
                + "\n", r.err());
        assertFalse(bob.run("history", "alice").out().contains("too big?"), "no message was sent");
    }

    @Test
    void missingFileFailsBeforeAnythingIsSent() {
        Cli.Result r = alice.in(aliceDir).run("send", "--file", "nope.pdf", "bob", "see attached");
        assertEquals(ExitCodes.FILE_PROBLEM, r.code(), r.toString());
        assertEquals("urulink: " + aliceDir.resolve("nope.pdf") + ": no such file\n", r.err());
        assertFalse(bob.run("history", "alice").out().contains("see attached"));
    }

    @Test
    void fileIntoAGroupOneWasRemovedFromIsRefusedAsNotAMember() throws IOException {
        ApiClient alices = ApiClient.of(Session.resume(CredentialsFile.in(alice.configDir()), java.time.Clock.systemUTC()));
        String club = alices.createGroup("Club", List.of("bob", "carol")).id();
        alices.removeMember(club, "carol");
        randomFile(aliceDir, "minutes.txt", 100);
        Cli.Result r = carol.in(aliceDir).run("send", "--file", "minutes.txt", club, "for the club");
        assertEquals(ExitCodes.FORBIDDEN, r.code(), r.toString());
        assertTrue(r.err().startsWith("urulink: you are not a member of conversation " + club), r.err());
    }

    @Test
    void fileNotSharedWithMeIsNotFound() throws IOException {
        randomFile(aliceDir, "secret.txt", 10);
        String id = matches(SENT_FILE, alice.in(aliceDir).run("send", "-f", "secret.txt", "carol").out()).group(4);
        Cli.Result r = bob.in(bobDir).run("download", id);
        assertEquals(ExitCodes.NOT_FOUND, r.code(), r.toString());
        assertEquals("urulink: no file with id " + id + ", or it was not shared with you\n", r.err());
        assertFalse(Files.exists(bobDir.resolve("secret.txt")));
    }

    @Test
    void unknownFileIdIsNotFound() {
        String id = UUID.randomUUID().toString();
        Cli.Result r = bob.in(bobDir).run("download", id);
        assertEquals(ExitCodes.NOT_FOUND, r.code(), r.toString());
        assertEquals("urulink: no file with id " + id + ", or it was not shared with you\n", r.err());
    }

    @Test
    void onATerminalBothWaysDrawAProgressBarAndStillPrintTheResultLine() throws IOException {
        randomFile(aliceDir, "slides.key", 2 * 1024 * 1024);
        Cli.Result sent = alice.in(aliceDir).onTerminal(100).run("send", "-f", "slides.key", "bob");
        assertEquals(0, sent.code(), sent.toString());
        assertProgressBar(sent.err(), "slides.key");
        Cli.Result got = bob.in(bobDir).onTerminal(100).run("download", matches(SENT_FILE, sent.out()).group(4));
        assertEquals("saved slides.key (2.0 MiB)\n", got.out());
        assertProgressBar(got.err(), "slides.key");
    }

    @Test
    void sendWithNeitherTextNorFileIsAUsageError() {
        Cli.Result r = alice.run("send", "bob");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertEquals("urulink: give a message, or a file with --file\n", r.err());
    }

    private static void assertProgressBar(String err, String name) {
        assertTrue(err.endsWith("\n"), "the bar's line is ended before the result line");
        String last = err.substring(err.lastIndexOf('\r') + 1).stripTrailing();
        assertTrue(last.startsWith(name), last);
        assertTrue(last.contains("100%") && last.contains("2.0/2.0 MiB") && last.contains("MiB/s"), last);
        assertTrue(last.length() < 100, "leaves the terminal's last column free: " + last);
    }

    private static Matcher matches(Pattern p, String s) {
        Matcher m = p.matcher(s);
        assertTrue(m.matches(), s);
        return m;
    }

    private static Path randomFile(Path dir, String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    static String sha256(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
