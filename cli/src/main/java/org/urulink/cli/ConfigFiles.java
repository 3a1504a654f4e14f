package org.urulink.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.urulink.server.ConfigLoader;

/** Which config file {@code server start}, {@code setup} and {@code doctor} use, decided in one place. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** The file the server reads: {@code --config}, else {@code $URULINK_CONFIG}, else the default one when it exists. */
    static Optional<Path> read(Path option, Map<String, String> env) {
        if (option != null || named(env).isPresent()) {
            return Optional.of(target(option, env));
        }
        Path dflt = ConfigLoader.defaultFile(env);
        return Files.exists(dflt) ? Optional.of(dflt) : Optional.empty();
    }

    /** The file setup writes: {@code --config}, else {@code $URULINK_CONFIG}, else the default one. */
    static Path target(Path option, Map<String, String> env) {
        if (option != null) {
            return option.toAbsolutePath();
        }
        return named(env).orElseGet(() -> ConfigLoader.defaultFile(env)).toAbsolutePath();
    }

    private static Optional<Path> named(Map<String, String> env) {
        return Optional.ofNullable(env.get("URULINK_CONFIG")).filter(s -> !s.isBlank()).map(Path::of);
    }
}
