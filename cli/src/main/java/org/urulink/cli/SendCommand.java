package org.urulink.cli;

import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.stream.Collectors;

import org.urulink.client.ApiClient;
import org.urulink.client.ApiException;
import org.urulink.client.Session;
import org.urulink.protocol.Frame;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "send",
        description = {"Send a message to a user or a conversation.",
            "Returns once the server has stored it, printing its seq."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  urulink send bob 'lunch at 12?'     to bob (a direct conversation)",
            "  urulink send Weekend see you there  to the group titled Weekend",
            "  urulink send 6f1c0e2a-... hi        to a conversation by id",
            "  git log -1 | urulink send bob -     the message from stdin",
            "",
            "Exits 7 when no such user or conversation exists, 6 when not logged in."})
final class SendCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "<user|conversation>",
            description = "A username, a conversation id, or the exact title of one of your groups.")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<text|->",
            description = "The message; several words are joined with spaces. `-` reads it from stdin.")
    java.util.List<String> words;

    @Override
    protected int run() {
        String body = body();
        Session session = session();
        ApiClient api = ApiClient.of(session);
        Target to = Target.resolve(api, target, session.credentials().user().id());
        String clientId = UUID.randomUUID().toString();
        Frame.Ack ack;
        try {
            ack = to.conversation().isPresent()
                    ? api.sendToConversation(clientId, to.conversation().get().id(), body)
                    : api.sendTo(clientId, to.username().orElseThrow(), body);
        } catch (ApiException e) {
            throw Target.unknown(target, e);
        }
        out().println("sent to " + to.label() + " (seq " + ack.seq() + ")");
        return ExitCodes.OK;
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
        if (text.isBlank()) {
            throw new UsageException("the message is empty");
        }
        return text;
    }
}
