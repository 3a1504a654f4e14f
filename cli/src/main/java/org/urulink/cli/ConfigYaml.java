package org.urulink.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Writes a config file the way {@code urulink setup} leaves it: dashed keys, every value a double-quoted YAML
 * string (so a password with {@code #} or {@code :} stays whole), mode 0600 from the first byte, and put in place
 * with one rename so a reader never sees half of it.
 */
final class ConfigYaml {
    private ConfigYaml() {
    }

    static String render(Map<String, String> values) {
        StringBuilder yaml = new StringBuilder()
                .append("# urulink configuration, written by `urulink setup`; check it with `urulink doctor`.\n")
                .append("# Settings not listed keep their defaults (see `urulink setup --help`).\n")
                .append("# It may hold passwords: keep it mode 0600.\n");
        values.forEach((name, value) -> yaml.append(name).append(": ").append(quote(value)).append('\n'));
        return yaml.toString();
    }

    static String quote(String value) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    /** Writes {@code text} to a new file of mode 0600 beside {@code target}; {@link #commit} puts it in place. */
    static Path stage(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Same extension as the target: Helidon picks the parser by it, and the staged file is loaded as a test.
        String name = target.getFileName().toString();
        String suffix = name.lastIndexOf('.') > 0 ? name.substring(name.lastIndexOf('.')) : ".tmp";
        Path staged = Files.createTempFile(dir, "." + name + ".", suffix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(staged, text, StandardCharsets.UTF_8);
        return staged;
    }

    static void commit(Path staged, Path target) throws IOException {
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
