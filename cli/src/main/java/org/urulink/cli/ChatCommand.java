package org.urulink.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.urulink.client.ChatApp;
import org.urulink.client.ChatSettings;
import org.urulink.client.Credentials;
import org.urulink.client.Session;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "chat",
        description = {"Chat in the terminal: full screen, your conversations on the left.",
            "Uses the login of `urulink login` (or asks for one). Messages typed offline",
            "wait on disk and go out when the server is back: none lost, none twice."},
        footerHeading = "%nKeys and commands:%n",
        footer = {
            "  Enter send · Alt+Enter new line · Up/Down earlier input",
            "  Tab or Ctrl+N / Ctrl+P switch conversation",
            "  PgUp/PgDn scroll (older messages load at the top)",
            "  F1 or /help help · Ctrl+C, or Ctrl+D on an empty line, quit",
            "  /open <user|group>  /group <title> <user>...  /add <user>  /remove <user>",
            "  /leave  /rename <title>  /file <path>  /download <n> [path]  /who",
            "  /logout  /quit",
            "",
            "Settings ($XDG_CONFIG_HOME/urulink/chat.yaml, `key: value` lines, or URULINK_*):",
            "  notify-command  run for a message you cannot see, with title and text as",
            "                  two more arguments, e.g. `notify-command: notify-send`",
            "  bell            ring the terminal bell for such messages (default true)",
            "",
            "Examples:",
            "  urulink chat                 open the newest conversation",
            "  urulink chat bob             open the conversation with bob",
            "  urulink chat --plain         line mode (also used without a terminal)",
            "  echo hi | urulink chat --plain bob",
            "                               send from a script, print what arrives",
            "",
            "Exits 6 when not logged in and there is no terminal to log in on."})
final class ChatCommand extends CliCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<user|group>",
            description = "Open this conversation first (a username, or a group's title).")
    String open;

    @Option(names = "--plain", description = "Line mode: one line per message, for dumb terminals and pipes.")
    boolean plain;

    @Option(names = "--server", paramLabel = "URL",
            description = "Server to log in to when there is no stored login (default: $URULINK_SERVER, else "
                    + CliContext.DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--notify-command", paramLabel = "CMD",
            description = "Run CMD TITLE TEXT for messages in conversations not on screen (over the setting).")
    String notifyCommand;

    @Option(names = "--no-bell", description = "Do not ring the terminal bell.")
    boolean noBell;

    @Override
    protected int run() throws IOException {
        ChatSettings settings = settings();
        if (!plain) {
            Optional<Terminal> terminal = terminal();
            if (terminal.isPresent()) {
                try (Terminal t = terminal.get()) {
                    ChatLog.toFile(logFile());
                    Session session = ctx().credentials().load().isPresent() ? session()
                            : FirstLogin.ask(t, ctx(), server);
                    return report(ChatApp.fullScreen(t, session, ctx().credentials(), options(settings)));
                }
            }
        }
        Session session = session();
        BufferedReader in = new BufferedReader(new InputStreamReader(ctx().stdin(), StandardCharsets.UTF_8));
        return report(ChatApp.plain(in, out(), false, session, ctx().credentials(), options(settings)));
    }

    private ChatSettings settings() {
        try {
            ChatSettings s = ChatSettings.load(ctx().configDir(), ctx().env());
            Map<String, String> flags = new HashMap<>();
            if (notifyCommand != null) {
                flags.put("notify-command", notifyCommand);
            }
            if (noBell) {
                flags.put("bell", "false");
            }
            return s.with(flags, "the command line");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private ChatApp.Options options(ChatSettings settings) {
        return new ChatApp.Options(settings, ctx().env(), home(), ctx().workDir(), ctx().zone(), ctx().clock(),
                open == null ? "" : open);
    }

    private Path home() {
        return Path.of(ctx().env().getOrDefault("HOME", System.getProperty("user.home")));
    }

    /** The chat's log beside its outbox: on the full screen a log line would scribble over the chat. */
    private Path logFile() {
        String xdg = ctx().env().get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : home().resolve(".local/share");
        return base.resolve("urulink").resolve("chat").resolve("chat.log");
    }

    /** The process's terminal, when stdin and stdout are one that can draw a screen. */
    private static Optional<Terminal> terminal() throws IOException {
        Terminal t = TerminalBuilder.builder().system(true).dumb(true).build();
        String type = t.getType() == null ? "" : t.getType();
        if (type.startsWith(Terminal.TYPE_DUMB) || t.getSize().getColumns() <= 0) {
            t.close();
            return Optional.empty();
        }
        return Optional.of(t);
    }

    private int report(ChatApp.Result result) {
        if (result.loggedOut()) {
            out().println("logged out");
        }
        if (result.unsent() > 0) {
            err().println("urulink: " + result.unsent() + (result.unsent() == 1 ? " message is" : " messages are")
                    + " not sent yet; they go out the next time you run urulink chat");
        }
        return ExitCodes.OK;
    }

    /** Asks for a login on the terminal when there is none stored. */
    static final class FirstLogin {
        private FirstLogin() {
        }

        static Session ask(Terminal terminal, CliContext ctx, String serverOption) {
            org.jline.reader.LineReader reader = org.jline.reader.LineReaderBuilder.builder().terminal(terminal).build();
            terminal.writer().println("Not logged in yet. Log in to chat (Ctrl+C to stop).");
            try {
                String url = ctx.server(serverOption).toString();
                String typed = reader.readLine("Server [" + url + "]: ").strip();
                java.net.URI server = ctx.server(typed.isEmpty() ? url : typed);
                String username = reader.readLine("Username: ").strip();
                String password = reader.readLine("Password: ", '*');
                Session session = org.urulink.client.ApiClient.anonymous(server)
                        .loginSession(username, password, ctx.credentials());
                Credentials c = session.credentials();
                terminal.writer().println("logged in as " + c.user().username() + " on " + c.server());
                terminal.writer().flush();
                return session;
            } catch (org.jline.reader.UserInterruptException | org.jline.reader.EndOfFileException e) {
                throw new org.urulink.client.NotLoggedInException("not logged in");
            }
        }
    }
}
