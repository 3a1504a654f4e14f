package org.urulink.cli;

import org.urulink.protocol.TimeOrderedIds;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.urulink.client.ApiClient;
import org.urulink.client.ApiException;
import org.urulink.client.FileTransfers;
import org.urulink.client.Session;
import org.urulink.protocol.Attachment;
import org.urulink.protocol.Frame;

import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send",
        description = {"Send a message, or files with a caption, to a user or a conversation.",
            "Returns once the server has stored it, printing its seq (and the ids of the files)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  urulink send bob 'lunch at 12?'     to bob (a direct conversation)",
            "  urulink send Weekend see you there  to the group titled Weekend",
            "  urulink send 6f1c0e2a-... hi        to a conversation by id",
            "  git log -1 | urulink send bob -     the message from stdin",
            "  urulink send --file report.pdf bob 'the Q3 numbers'",
            "                                      a file, with a caption",
            "  urulink send -f a.jpg -f b.jpg Weekend",
            "                                      two photos, no caption",
            "",
            "Files are uploaded first, with a progress bar on a terminal; the message is sent",
            "once all of them are on the server. Members fetch them with `urulink download`.",
            "Exits 7 when no such user or conversation exists, 6 when not logged in, 8 when a",
            "file is over the server's size limit, 9 when not a member, 12 when a file cannot",
            "be read."})
final class SendCommand extends CliCommand {
    /** docs/protocol.md: a message carries at most this many files. */
    static final int MAX_FILES = 10;
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Option(names = {"-f", "--file"}, paramLabel = "PATH",
            description = "Attach this file (repeat for up to " + MAX_FILES + "). The text becomes the caption"
                    + " and may then be left out.", showDefaultValue = Help.Visibility.NEVER)
    List<Path> files = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "<user|conversation>",
            description = "A username, a conversation id, or the exact title of one of your groups.")
    String target;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "<text|->",
            description = "The message; several words are joined with spaces. `-` reads it from stdin.",
            showDefaultValue = Help.Visibility.NEVER)
    List<String> words = new ArrayList<>();

    @Override
    protected int run() {
        if (files.size() > MAX_FILES) {
            throw new UsageException("a message carries at most " + MAX_FILES + " files");
        }
        List<Path> paths = files.stream().map(ctx().workDir()::resolve).toList();
        paths.forEach(FileTransfers::readableSize); // a typo in a path fails before anything is sent
        String body = body();
        Session session = session();
        ApiClient api = ApiClient.of(session);
        Target to = Target.resolve(api, target, session.credentials().user().id());
        String clientId = TimeOrderedIds.next();
        if (files.isEmpty()) {
            Frame.Ack ack = sendText(api, to, clientId, body);
            out().println("sent to " + to.label() + " (seq " + ack.seq() + ")");
            return ExitCodes.OK;
        }
        String conversationId = conversationId(api, to);
        List<Attachment> uploaded = new ArrayList<>();
        for (Path file : paths) {
            uploaded.add(upload(api, file, conversationId));
        }
        Frame.Ack ack = api.sendToConversation(clientId, conversationId, body,
                uploaded.stream().map(Attachment::fileId).toList());
        out().println("sent " + describe(uploaded) + " to " + to.label() + " (seq " + ack.seq() + ", "
                + (uploaded.size() == 1 ? "file " : "files ")
                + uploaded.stream().map(Attachment::fileId).collect(Collectors.joining(", ")) + ")");
        return ExitCodes.OK;
    }

    private Frame.Ack sendText(ApiClient api, Target to, String clientId, String body) {
        try {
            return to.conversation().isPresent()
                    ? api.sendToConversation(clientId, to.conversation().get().id(), body)
                    : api.sendTo(clientId, to.username().orElseThrow(), body);
        } catch (ApiException e) {
            if (!maybeConversation(e)) {
                throw Target.unknown(target, e);
            }
            return api.sendToConversation(clientId, target, body);
        }
    }

    /** Files are uploaded into a conversation, so a first message to someone makes the direct one first. */
    private String conversationId(ApiClient api, Target to) {
        if (to.conversation().isPresent()) {
            return to.conversation().get().id();
        }
        try {
            return api.direct(to.username().orElseThrow()).id();
        } catch (ApiException e) {
            if (!maybeConversation(e)) {
                throw Target.unknown(target, e);
            }
            return target;
        }
    }

    /**
     * An id that is no user may be a conversation not in our list: one we left or were removed from. The server
     * then says "not a member", which is more use than "no such user".
     */
    private boolean maybeConversation(ApiException e) {
        return e.is("unknown_recipient") && ID.matcher(target).matches();
    }

    private Attachment upload(ApiClient api, Path file, String conversationId) {
        try (ProgressDisplay progress = new ProgressDisplay(ctx(), err(), file.getFileName().toString())) {
            return new FileTransfers(api).upload(file, conversationId, progress);
        } catch (ApiException e) {
            if (e.is("too_large")) {
                throw new ApiException(e.status(), e.code(), file.getFileName() + " is too large: " + e.getMessage());
            }
            throw e;
        }
    }

    private static String describe(List<Attachment> files) {
        long total = files.stream().mapToLong(Attachment::size).sum();
        return files.stream().map(Attachment::name).collect(Collectors.joining(", "))
                + " (" + Sizes.human(total) + ")";
    }

    private String body() {
        String text;
        if (words.size() == 1 && words.getFirst().equals("-")) {
            try {
                text = stdin().lines().collect(Collectors.joining("\n"));
            } catch (UncheckedIOException e) {
                throw new UncheckedIOException("cannot read standard input", e.getCause());
            }
        } else {
            text = String.join(" ", words);
        }
        if (text.isBlank() && files.isEmpty()) {
            throw new UsageException(words.isEmpty() ? "give a message, or a file with --file"
                    : "the message is empty");
        }
        return text;
    }
}
