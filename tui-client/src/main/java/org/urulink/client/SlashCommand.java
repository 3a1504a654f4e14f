package org.urulink.client;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A line typed into the chat that starts with {@code /}: its name and words. {@code //text} is not a command but
 * the message {@code /text}.
 */
record SlashCommand(String name, List<String> args, String rest) {

    /** Every command with its usage and what it does, for /help and F1. */
    static final List<String> HELP = List.of(
            "Commands:",
            "  /open <user|group>        open (or start) a conversation",
            "  /group <title> <user>...  make a group",
            "  /add <user>  /remove <user>  /leave  /rename <title>   (the open group)",
            "  /file <path>              share a file here (progress in the status line)",
            "  /download <n> [path]      save file [n] of this conversation",
            "  /who                      members and who is online",
            "  /logout                   log out (revokes this login) and quit",
            "  /quit                     quit (Ctrl+C, or Ctrl+D on an empty line)",
            "Keys: Enter send · Alt+Enter new line · Up/Down earlier input",
            "  Tab / Ctrl+N next conversation · Ctrl+P previous · PgUp/PgDn scroll",
            "  F1 this help · Esc close notices · Ctrl+L redraw",
            "Marks on your messages: … waiting  ✓ stored  ✓✓ delivered  ✔✔ read",
            "//text sends a message starting with /");

    /** The command in {@code line}, or empty when the line is a message. */
    static Optional<SlashCommand> parse(String line) {
        String s = line.strip();
        if (!s.startsWith("/") || s.startsWith("//") || s.length() < 2) {
            return Optional.empty();
        }
        int space = s.indexOf(' ');
        String name = (space < 0 ? s.substring(1) : s.substring(1, space)).toLowerCase(java.util.Locale.ROOT);
        String rest = space < 0 ? "" : s.substring(space + 1).strip();
        List<String> args = rest.isEmpty() ? List.of() : Arrays.asList(rest.split("\\s+"));
        return Optional.of(new SlashCommand(name, List.copyOf(args), rest));
    }

    /** The message a line stands for: {@code //x} means {@code /x}. */
    static String message(String line) {
        return line.startsWith("//") ? line.substring(1) : line;
    }
}
