package org.urulink.server;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Resolves the server's settings once: command-line flags over {@code URULINK_*} environment variables over
 * the YAML file over defaults. Each setting has one dashed name ({@code data-dir}); its environment variable
 * is {@code URULINK_} plus the name upper-cased with underscores ({@code URULINK_DATA_DIR}). A wrong value
 * stops start-up with a {@link ConfigException} naming the setting and where it came from.
 */
public final class ConfigLoader {
    /** Every setting, with what it means, for errors and {@code --help}. */
    public static final Map<String, String> SETTINGS = settings();
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

    private ConfigLoader() {
    }

    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("host", "address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)");
        s.put("port", "port to listen on (default 8080; 0 picks a free one)");
        s.put("data-dir", "where the database, signing key and files live (default $XDG_DATA_HOME/urulink)");
        s.put("signing-key-file", "the token signing key shared by all nodes (default <data-dir>/signing.key)");
        s.put("access-token-ttl", "lifetime of access tokens, e.g. 15m (default 15m)");
        s.put("refresh-token-ttl", "lifetime of a login, e.g. 30d (default 30d)");
        s.put("max-body-bytes", "largest message body in UTF-8 bytes (default 16384)");
        s.put("max-frame-bytes", "largest WebSocket frame in bytes (default 65536)");
        s.put("max-file-bytes", "largest uploaded file in bytes (default 104857600, 100 MiB)");
        s.put("blob-url-ttl", "lifetime of signed file upload and download URLs, e.g. 15m (default 15m)");
        return java.util.Collections.unmodifiableMap(s);
    }

    /**
     * @param file  the YAML file given with {@code --config}, or the default one when it exists
     * @param env   the process environment
     * @param flags settings given on the command line, by dashed name
     */
    public static ServerConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> flags) {
        ConfigLoader l = new ConfigLoader();
        file.ifPresent(l::readFile);
        env.forEach((k, v) -> {
            if (k.startsWith("URULINK_")) {
                String name = k.substring("URULINK_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
                if (SETTINGS.containsKey(name)) {
                    l.put(name, v, k);
                }
            }
        });
        flags.forEach((k, v) -> l.put(k, v, "--" + k));
        return l.build(env);
    }

    /** The default config file: {@code $XDG_CONFIG_HOME/urulink/urulink.yaml}. */
    public static Path defaultFile(Map<String, String> env) {
        return xdg(env, "XDG_CONFIG_HOME", ".config").resolve("urulink").resolve("urulink.yaml");
    }

    /** The default data directory: {@code $XDG_DATA_HOME/urulink}. */
    public static Path defaultDataDir(Map<String, String> env) {
        return xdg(env, "XDG_DATA_HOME", ".local/share").resolve("urulink");
    }

    private static Path xdg(Map<String, String> env, String variable, String fallback) {
        String dir = env.get(variable);
        if (dir != null && !dir.isBlank() && Path.of(dir).isAbsolute()) {
            return Path.of(dir);
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home"))).resolve(fallback);
    }

    private void readFile(Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigException("config file " + file + " does not exist or cannot be read");
        }
        Config config;
        try {
            config = Config.just(ConfigSources.file(file).build());
            config.traverse().filter(Config::isLeaf).forEach(node -> {
                String key = node.key().toString();
                if (!SETTINGS.containsKey(key)) {
                    throw new ConfigException("unknown setting \"" + key + "\" in " + file
                            + "; known settings: " + String.join(", ", SETTINGS.keySet()));
                }
                put(key, node.asString().get(), file.toString());
            });
        } catch (io.helidon.config.ConfigException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
        }
    }

    private void put(String name, String value, String origin) {
        values.put(name, value.strip());
        origins.put(name, origin);
    }

    private ServerConfig build(Map<String, String> env) {
        Path dataDir = get("data-dir", this::path).orElseGet(() -> defaultDataDir(env));
        ServerConfig d = ServerConfig.defaults(dataDir);
        return new ServerConfig(
                get("host", s -> s).orElse(d.host()),
                get("port", s -> range(Integer.parseInt(s), 0, 65535, "a port from 0 to 65535")).orElse(d.port()),
                dataDir,
                get("signing-key-file", this::path).orElse(d.signingKeyFile()),
                get("access-token-ttl", ConfigLoader::duration).orElse(d.accessTokenTtl()),
                get("refresh-token-ttl", ConfigLoader::duration).orElse(d.refreshTokenTtl()),
                get("max-body-bytes", s -> range(Integer.parseInt(s), 1, 1 << 20, "1 to 1048576")).orElse(d.maxBodyBytes()),
                get("max-frame-bytes", s -> range(Integer.parseInt(s), 1024, 16 << 20, "1024 to 16777216"))
                        .orElse(d.maxFrameBytes()),
                d.passwordHash(),
                get("max-file-bytes", s -> range(Long.parseLong(s), 1, 1L << 36, "1 to 68719476736")).orElse(d.maxFileBytes()),
                get("blob-url-ttl", ConfigLoader::duration).orElse(d.blobUrlTtl()));
    }

    private <T> Optional<T> get(String name, Function<String, T> parse) {
        String raw = values.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(raw));
        } catch (RuntimeException e) {
            String why = e instanceof IllegalArgumentException && e.getMessage() != null
                    && !(e instanceof NumberFormatException) ? e.getMessage() : "not a valid value";
            throw new ConfigException("setting " + name + " = \"" + raw + "\" (from " + origins.get(name) + "): "
                    + why + "; it is the " + SETTINGS.get(name));
        }
    }

    private Path path(String s) {
        try {
            return Path.of(s.startsWith("~/") ? System.getProperty("user.home") + s.substring(1) : s).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path");
        }
    }

    private static int range(int v, int min, int max, String what) {
        return (int) range((long) v, min, max, what);
    }

    private static long range(long v, long min, long max, String what) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("must be " + what);
        }
        return v;
    }

    /** {@code 15m}, {@code 900s}, {@code 2h}, {@code 30d}, {@code 500ms} or ISO-8601 ({@code PT15M}). */
    static Duration duration(String s) {
        Matcher m = DURATION.matcher(s.toLowerCase(Locale.ROOT));
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration such as 15m, 2h or 30d");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return d;
    }

    /** Settings names, for listing. */
    public static List<String> names() {
        return List.copyOf(SETTINGS.keySet());
    }
}
