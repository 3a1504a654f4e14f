package org.urulink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No server needed. */
class HelpAndVersionTest {
    @TempDir
    Path home;

    @Test
    void versionPrintsTheProjectVersion() {
        Cli.Result r = new Cli(home, Map.of()).run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("urulink \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), r.out());
    }

    @Test
    void everyCommandsHelpHasADescriptionAndExamples() {
        for (String cmd : new String[] {"register", "login", "logout", "whoami", "send", "history", "download",
            "setup", "doctor"}) {
            Cli.Result r = new Cli(home, Map.of()).run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().contains("Examples:"), cmd + ":\n" + r.out());
            assertTrue(r.out().contains("urulink " + cmd), cmd + ":\n" + r.out());
        }
    }

    @Test
    void passwordStdinExamplesPrintTheirPercentSignsLiterally() {
        for (String cmd : new String[] {"register", "login"}) {
            assertTrue(new Cli(home, Map.of()).run(cmd, "--help").out().contains("printf '%s\\n' \"$PW\" | urulink "),
                    cmd);
        }
    }

    @Test
    void fileCommandsTeachWithAnExample() {
        assertTrue(new Cli(home, Map.of()).run("send", "--help").out().contains("urulink send --file report.pdf bob"));
        String download = new Cli(home, Map.of()).run("download", "--help").out();
        assertTrue(download.contains("urulink download 6f1c0e2a-... -o ~/Downloads/"), download);
        assertTrue(download.contains("--force"), download);
    }

    @Test
    void generatedDocsCoverTheFileCommands(@TempDir Path out) throws java.io.IOException {
        Cli.Result r = new Cli(home, Map.of()).run("generate-docs", "--man-dir", out.resolve("man").toString(),
                "--completion", out.resolve("urulink.bash").toString());
        assertEquals(0, r.code(), r.toString());
        String man = java.nio.file.Files.readString(out.resolve("man/urulink-download.1"));
        assertTrue(man.contains("\\-\\-force"), man); // roff escapes every dash
        String completion = java.nio.file.Files.readString(out.resolve("urulink.bash"));
        assertTrue(completion.contains("download") && completion.contains("--file"), "completes the new verb");
    }

    @Test
    void historyHelpShowsTheDefaultLimit() {
        assertTrue(new Cli(home, Map.of()).run("history", "--help").out().contains("Default: 20"));
    }

    @Test
    void generateDocsWritesAManPageForSetupAndDoctor() throws java.io.IOException {
        Path man = home.resolve("man");
        assertEquals(0, new Cli(home, Map.of()).run("generate-docs", "--man-dir", man.toString()).code());
        String setup = java.nio.file.Files.readString(man.resolve("urulink-setup.1"));
        assertTrue(setup.contains("\\-\\-non\\-interactive") && setup.contains("\\-\\-redis\\-url"), setup);
        assertTrue(java.nio.file.Files.readString(man.resolve("urulink-doctor.1")).contains(".SH NAME"));
        assertTrue(java.nio.file.Files.readString(man.resolve("urulink.1")).contains("urulink\\-setup"));
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Result r = new Cli(home, Map.of()).run("send", "--bogus");
        assertEquals(ExitCodes.USAGE, r.code());
    }

    @Test
    void aServerThatIsNotAnHttpUrlIsAUsageError() {
        Cli.Result r = new Cli(home, Map.of()).runWithStdin("password-x\n", "login", "alice", "--password-stdin",
                "--server", "localhost:8080");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("http://"), r.err());
    }
}
