package org.urulink.server;

import java.util.List;
import java.util.Locale;

/**
 * The content types files may have ({@code file-types}): {@code image/png} matches itself, {@code image/*} a
 * family, and an empty list allows any. Checked when a file is announced, before any byte is sent.
 */
record FileTypes(List<String> allowed) {
    static final FileTypes ANY = new FileTypes(List.of());

    FileTypes {
        allowed = allowed.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** Refuses ({@code unsupported_type}, 415) a type not on the list, naming what is allowed. */
    void check(String contentType) {
        if (!allows(contentType)) {
            throw new ChatException(org.urulink.protocol.ErrorCode.UNSUPPORTED_TYPE, "files of type " + contentType
                    + " are not accepted here; allowed: " + String.join(", ", allowed));
        }
    }

    /** Parameters ({@code ; charset=utf-8}) do not count: {@code text/plain; charset=utf-8} is {@code text/plain}. */
    boolean allows(String contentType) {
        if (allowed.isEmpty()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String family = type.substring(0, type.indexOf('/') + 1) + "*";
        return allowed.contains(type) || allowed.contains(family);
    }
}
