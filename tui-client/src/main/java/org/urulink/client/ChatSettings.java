package org.urulink.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The chat's settings, read once: {@code $XDG_CONFIG_HOME/urulink/chat.yaml} (flat {@code key: value} lines),
 * then {@code URULINK_*} environment variables over it; command-line flags over both are applied by the caller.
 *
 * @param notifyCommand run for a message in a conversation that is not on screen, with the title and the text
 *                      as two more arguments (split on spaces, no shell); empty for none
 * @param bell          ring the terminal bell for such messages
 */
public record ChatSettings(List<String> notifyCommand, boolean bell) {
    public static final String FILE_NAME = "chat.yaml";
    /** Every setting and what it means, for errors and documentation. */
    public static final Map<String, String> SETTINGS = Map.of(
            "notify-command", "command run for a message in a conversation not on screen, e.g. notify-send",
            "bell", "ring the terminal bell for such messages: true or false (default true)");

    public ChatSettings {
        notifyCommand = List.copyOf(notifyCommand);
    }

    public static final ChatSettings DEFAULTS = new ChatSettings(List.of(), true);

    /** The settings in {@code configDir}'s {@value #FILE_NAME} (when it exists) with {@code env} over them. */
    public static ChatSettings load(Path configDir, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>(readFile(configDir.resolve(FILE_NAME)));
        for (String key : SETTINGS.keySet()) {
            String var = "URULINK_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
            Optional.ofNullable(env.get(var)).ifPresent(v -> values.put(key, v));
        }
        return DEFAULTS.with(values, "the environment or " + configDir.resolve(FILE_NAME));
    }

    /** These settings with {@code values} (by dashed name) over them; {@code origin} names where they came from. */
    public ChatSettings with(Map<String, String> values, String origin) {
        List<String> command = notifyCommand;
        boolean ring = bell;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String v = e.getValue().strip();
            switch (e.getKey()) {
                case "notify-command" -> command = v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
                case "bell" -> ring = switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> true;
                    case "false", "no", "off" -> false;
                    default -> throw new IllegalArgumentException("bell in " + origin
                            + " must be true or false, not \"" + v + "\"");
                };
                default -> throw new IllegalArgumentException("unknown setting \"" + e.getKey() + "\" in " + origin
                        + "; known settings: " + String.join(", ", SETTINGS.keySet()));
            }
        }
        return new ChatSettings(command, ring);
    }

    private static Map<String, String> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException(file + ": expected \"key: value\", not \"" + line + "\"");
            }
            values.put(line.substring(0, colon).strip(), unquote(line.substring(colon + 1).strip()));
        }
        return values;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
