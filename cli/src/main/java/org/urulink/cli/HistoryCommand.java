package org.urulink.cli;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.urulink.client.ApiClient;
import org.urulink.client.ApiException;
import org.urulink.client.History;
import org.urulink.client.HistoryQuery;
import org.urulink.client.Session;
import org.urulink.protocol.Attachment;
import org.urulink.protocol.Frame;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history",
        description = {"Print the newest messages of a conversation.",
            "Oldest first, times in the local time zone."},
        showDefaultValues = true,
        footerHeading = "%nExamples:%n",
        footer = {
            "  urulink history bob                  the last 20 messages with bob",
            "  urulink history Weekend --limit 100  a group, by title",
            "  urulink history bob --json | jq -r .body",
            "",
            "Files shared in a message are listed under it, with the id that",
            "`urulink download <file_id>` takes:",
            "  2025-11-25 09:12  alice: the Q3 numbers",
            "                    [file] report.pdf, 1.2 MiB, id 6f1c0e2a-...",
            "",
            "--json prints one message per line as in docs/protocol.md, with the fields",
            "message_id, conversation_id, seq, from, from_username, body, sent_at, client_id",
            "and, when it has files, attachments: [{file_id, name, size, content_type}].",
            "Exits 7 when no such user or conversation exists."})
final class HistoryCommand extends CliCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Parameters(index = "0", paramLabel = "<user|conversation>",
            description = "A username, a conversation id, or the exact title of one of your groups.")
    String target;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "How many of the newest messages (1-" + HistoryQuery.MAX_LIMIT + ").")
    int limit;

    @Option(names = "--json", description = "One JSON object per message and line, for scripts.")
    boolean json;

    @Override
    protected int run() {
        if (limit < 1 || limit > HistoryQuery.MAX_LIMIT) {
            throw new UsageException("--limit must be between 1 and " + HistoryQuery.MAX_LIMIT);
        }
        Session session = session();
        ApiClient api = ApiClient.of(session);
        Target t = Target.resolve(api, target, session.credentials().user().id());
        if (t.conversation().isEmpty()) {
            try {
                api.user(t.username().orElseThrow());
            } catch (ApiException e) {
                throw Target.unknown(target, e);
            }
            err().println("no messages with " + t.label() + " yet");
            return ExitCodes.OK;
        }
        History page = api.messages(t.conversation().get().id(), HistoryQuery.newest(limit));
        for (Frame.Message m : page.messages()) {
            out().println(json ? ApiClient.messageJson(m) : line(m));
        }
        return ExitCodes.OK;
    }

    private String line(Frame.Message m) {
        String when = TIME.format(Instant.ofEpochMilli(m.sentAt()).atZone(ctx().zone()));
        String head = when + "  " + m.fromUsername() + ": ";
        // Continuation lines (more lines of the body, then its files) line up under the first line.
        String indent = "\n" + " ".repeat(head.length());
        List<String> lines = new ArrayList<>();
        if (!m.body().isEmpty() || m.attachments() == null) {
            lines.add(m.body());
        }
        if (m.attachments() != null) {
            m.attachments().forEach(a -> lines.add(file(a)));
        }
        return head + String.join("\n", lines).replace("\n", indent);
    }

    private static String file(Attachment a) {
        return "[file] " + a.name() + ", " + Sizes.human(a.size()) + ", id " + a.fileId();
    }
}
