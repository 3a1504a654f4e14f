package org.urulink.server;

import java.util.Locale;
import java.util.Optional;

/** Parameters of a header value such as {@code form-data; name="files"; filename="a b.txt"}. */
final class HeaderParams {
    private HeaderParams() {
    }

    /** The value of parameter {@code name} (lowercase), unquoted; empty when absent. */
    static Optional<String> parameter(String header, String name) {
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            int eq = header.indexOf('=', i);
            if (eq < 0) {
                return Optional.empty();
            }
            String key = header.substring(i + 1, eq).strip().toLowerCase(Locale.ROOT);
            int[] next = new int[1];
            String value = value(header, eq + 1, next);
            if (key.equals(name)) {
                return Optional.of(value);
            }
            i = header.indexOf(';', next[0]);
        }
        return Optional.empty();
    }

    /** A token or a quoted string from {@code from}; {@code next[0]} is set to where it ends. */
    private static String value(String s, int from, int[] next) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '"') {
            StringBuilder out = new StringBuilder();
            for (i++; i < s.length() && s.charAt(i) != '"'; i++) {
                char c = s.charAt(i) == '\\' && i + 1 < s.length() ? s.charAt(++i) : s.charAt(i);
                out.append(c);
            }
            next[0] = i + 1;
            return out.toString();
        }
        int semi = s.indexOf(';', i);
        next[0] = semi < 0 ? s.length() : semi;
        return s.substring(i, next[0]).strip();
    }
}
