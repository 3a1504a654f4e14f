package org.urulink.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.urulink.client.ApiClient;
import org.urulink.client.ApiException;
import org.urulink.client.Downloaded;
import org.urulink.client.FileLink;
import org.urulink.client.FileNames;
import org.urulink.client.FileTransfers;
import org.urulink.client.LocalFileException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "download",
        description = {"Download a file shared in one of your conversations.",
            "Saves it under its own name in the current directory, and never over an",
            "existing file unless --force. An interrupted download resumes when run again."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  urulink history bob                find the file's id in the conversation",
            "  urulink download 6f1c0e2a-...      saves ./report.pdf",
            "  urulink download 6f1c0e2a-... -o ~/Downloads/",
            "                                     into a directory, under its own name",
            "  urulink download 6f1c0e2a-... -o q3.pdf --force",
            "                                     under another name, replacing it",
            "",
            "While it runs, the bytes go to <name>.part; if it stops (Ctrl+C, a lost",
            "connection), the same command fetches only what is missing. A progress bar",
            "is shown on a terminal; elsewhere one line is printed when done.",
            "Exits 7 when there is no such file or it was not shared with you, 12 when",
            "the target exists (without --force) or cannot be written."})
final class DownloadCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "<file_id>", description = "The file's id, as `urulink history` shows it.")
    String fileId;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
            description = "Save it as PATH, or in PATH under its own name when PATH is a directory.")
    Path output;

    @Option(names = "--force", description = "Replace the target if it exists.")
    boolean force;

    @Override
    protected int run() {
        ApiClient api = api();
        FileLink link = link(api);
        Path target = target(link);
        if (!force && Files.exists(target)) {
            throw new LocalFileException(target, "exists already; add --force to replace it, or -o to save elsewhere");
        }
        Downloaded done;
        try (ProgressDisplay progress = new ProgressDisplay(ctx(), err(), target.getFileName().toString())) {
            done = new FileTransfers(api).download(link, target, force, progress);
        }
        String resumed = done.resumedFrom() > 0 ? ", resumed after " + Sizes.human(done.resumedFrom()) : "";
        out().println("saved " + shown(done.path()) + " (" + Sizes.human(done.size()) + resumed + ")");
        return ExitCodes.OK;
    }

    private FileLink link(ApiClient api) {
        try {
            return api.fileLink(fileId);
        } catch (ApiException e) {
            if (e.is("not_found")) {
                throw new ApiException(e.status(), e.code(), "no file with id " + fileId
                        + ", or it was not shared with you");
            }
            throw e;
        }
    }

    /** {@code -o} as given (a directory gets the file's name), else the file's name in the working directory. */
    private Path target(FileLink link) {
        String name = FileNames.safe(link.name(), "file-" + fileId);
        if (output == null) {
            return ctx().workDir().resolve(name);
        }
        Path out = ctx().workDir().resolve(output);
        return Files.isDirectory(out) ? out.resolve(name) : out;
    }

    private String shown(Path path) {
        Path work = ctx().workDir();
        return path.startsWith(work) ? work.relativize(path).toString() : path.toString();
    }
}
