package org.urulink.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code urulink generate-docs}: writes man pages and the shell completion script from the command model, so
 * they can never disagree with {@code --help}. Hidden: the installer runs it.
 */
@Command(name = "generate-docs", hidden = true, mixinStandardHelpOptions = true,
        description = "Write man pages and the bash/zsh completion script (used by install.sh).")
final class DocsCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--man-dir", paramLabel = "DIR", description = "Write urulink*.1 man pages here.")
    Path manDir;

    @Option(names = "--completion", paramLabel = "FILE", description = "Write the completion script here.")
    Path completion;

    @Override
    public Integer call() throws IOException {
        CommandLine root = spec.root().commandLine();
        if (manDir != null) {
            Files.createDirectories(manDir);
            writeMan(root, manDir);
        }
        if (completion != null) {
            Files.createDirectories(completion.toAbsolutePath().getParent());
            Files.writeString(completion, AutoComplete.bash("urulink", root), StandardCharsets.UTF_8);
        }
        return 0;
    }

    private static void writeMan(CommandLine cmd, Path dir) throws IOException {
        if (cmd.getCommandSpec().usageMessage().hidden()) {
            return;
        }
        String name = cmd.getCommandSpec().qualifiedName("-");
        Files.writeString(dir.resolve(name + ".1"), ManPage.render(cmd), StandardCharsets.UTF_8);
        for (CommandLine sub : cmd.getSubcommands().values()) {
            writeMan(sub, dir);
        }
    }
}
