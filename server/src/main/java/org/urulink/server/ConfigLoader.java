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
        s.put("host", "address of this machine to listen on (default 127.0.0.1; 0.0.0.0 for every interface)");
        s.put("port", "port to listen on (default 8080; 0 picks a free one)");
        s.put("data-dir", "where the database, signing key and files live (default $XDG_DATA_HOME/urulink)");
        s.put("signing-key-file", "the token signing key shared by all nodes (default <data-dir>/signing.key)");
        s.put("access-token-ttl", "lifetime of access tokens, e.g. 15m (default 15m)");
        s.put("refresh-token-ttl", "lifetime of an unused login, which each token refresh starts again, e.g. 30d "
                + "(default 30d)");
        s.put("max-body-bytes", "largest message body in UTF-8 bytes (default 16384)");
        s.put("max-frame-bytes", "largest WebSocket frame in bytes (default 65536)");
        s.put("max-file-bytes", "largest uploaded file in bytes (default 104857600, 100 MiB)");
        s.put("blob-url-ttl", "lifetime of signed file upload and download URLs, e.g. 15m (default 15m)");
        s.put("file-types", "content types files may have, comma-separated, e.g. image/*,application/pdf (default any)");
        s.put("jdbc-url", "PostgreSQL for shared history, e.g. jdbc:postgresql://db:5432/urulink (default SQLite)");
        s.put("jdbc-user", "PostgreSQL user (default from jdbc-url)");
        s.put("jdbc-password", "PostgreSQL password (default none)");
        s.put("redis-url", "Redis for presence and sessions, e.g. redis://cache:6379 (default in-process)");
        s.put("amqp-url", "RabbitMQ for delivery between nodes, e.g. amqp://user:pass@mq:5672 (default in-process)");
        s.put("s3-endpoint", "MinIO or S3 for files, e.g. http://minio:9000 (default the data dir)");
        s.put("s3-public-endpoint", "the S3 endpoint as clients reach it, for file URLs (default s3-endpoint)");
        s.put("s3-access-key", "S3 access key");
        s.put("s3-secret-key", "S3 secret key");
        s.put("s3-bucket", "S3 bucket for files, created when missing (default urulink)");
        s.put("s3-region", "S3 region (default us-east-1)");
        s.put("node-id", "this node's name in a cluster (default host name and port)");
        s.put("redis-key-prefix", "start of every Redis key, to share one Redis between installations (default urulink:)");
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
        return d.with(b -> b
                .host(get("host", ListenHost::check).orElse(d.host()))
                .port(get("port", s -> range(Integer.parseInt(s), 0, 65535, "a port from 0 to 65535")).orElse(d.port()))
                .signingKeyFile(get("signing-key-file", this::path).orElse(d.signingKeyFile()))
                .accessTokenTtl(get("access-token-ttl", ConfigLoader::duration).orElse(d.accessTokenTtl()))
                .refreshTokenTtl(get("refresh-token-ttl", ConfigLoader::duration).orElse(d.refreshTokenTtl()))
                .maxBodyBytes(get("max-body-bytes", s -> range(Integer.parseInt(s), 1, 1 << 20, "1 to 1048576"))
                        .orElse(d.maxBodyBytes()))
                .maxFrameBytes(get("max-frame-bytes", s -> range(Integer.parseInt(s), 1024, 16 << 20,
                        "1024 to 16777216")).orElse(d.maxFrameBytes()))
                .maxFileBytes(get("max-file-bytes", s -> range(Long.parseLong(s), 1, 1L << 36, "1 to 68719476736"))
                        .orElse(d.maxFileBytes()))
                .blobUrlTtl(get("blob-url-ttl", ConfigLoader::duration).orElse(d.blobUrlTtl()))
                .fileTypes(get("file-types", ConfigLoader::contentTypes).orElse(d.fileTypes()))
                .backends(backends()));
    }

    private Backends backends() {
        Backends b = Backends.EMBEDDED;
        Optional<String> jdbc = get("jdbc-url", s -> scheme(s, "jdbc:postgresql:", "jdbc:postgresql://host:5432/db"));
        if (jdbc.isPresent()) {
            b = b.withDatabase(new Backends.Database(jdbc.get(), values.getOrDefault("jdbc-user", ""),
                    values.getOrDefault("jdbc-password", "")));
        } else {
            requireWith("jdbc-user", "jdbc-url");
            requireWith("jdbc-password", "jdbc-url");
        }
        b = get("redis-url", s -> uri(s, "redis://host:6379", "redis", "rediss")).map(b::withRedis).orElse(b);
        b = get("amqp-url", s -> uri(s, "amqp://user:pass@host:5672", "amqp", "amqps")).map(b::withAmqp).orElse(b);
        b = s3().map(b::withS3).orElse(b);
        b = get("node-id", ConfigLoader::nodeId).map(b::withNodeId).orElse(b);
        b = get("redis-key-prefix", ConfigLoader::keyPrefix).map(b::withRedisKeyPrefix).orElse(b);
        // Several nodes need one history and one view of who is where; refuse the halves that would split them.
        if (b.redis().isPresent() && b.database().isEmpty()) {
            throw missing("jdbc-url", "redis-url", "nodes sharing Redis must share one PostgreSQL history");
        }
        if (b.amqp().isPresent() && (b.redis().isEmpty() || b.database().isEmpty())) {
            throw missing(b.redis().isEmpty() ? "redis-url" : "jdbc-url", "amqp-url",
                    "delivery between nodes needs shared presence (Redis) and shared history (PostgreSQL)");
        }
        return b;
    }

    private Optional<Backends.S3> s3() {
        Optional<java.net.URI> endpoint = get("s3-endpoint", s -> uri(s, "http://minio:9000", "http", "https"));
        if (endpoint.isEmpty()) {
            for (String name : List.of("s3-public-endpoint", "s3-access-key", "s3-secret-key", "s3-bucket",
                    "s3-region")) {
                requireWith(name, "s3-endpoint");
            }
            return Optional.empty();
        }
        for (String name : List.of("s3-access-key", "s3-secret-key")) {
            if (values.getOrDefault(name, "").isEmpty()) {
                throw missing(name, "s3-endpoint", "the S3 store needs its keys");
            }
        }
        java.net.URI publicEndpoint = get("s3-public-endpoint", s -> uri(s, "https://files.example.org", "http",
                "https")).orElse(endpoint.get());
        String bucket = get("s3-bucket", ConfigLoader::bucket).orElse("urulink");
        return Optional.of(new Backends.S3(endpoint.get(), publicEndpoint, values.get("s3-access-key"),
                values.get("s3-secret-key"), bucket, values.getOrDefault("s3-region", "us-east-1")));
    }

    /** A setting that only means something beside another one. */
    private void requireWith(String name, String needed) {
        if (values.containsKey(name)) {
            throw new ConfigException("setting " + name + " (from " + origins.get(name) + ") needs " + needed
                    + " to be set too; it is the " + SETTINGS.get(name));
        }
    }

    private ConfigException missing(String name, String because, String why) {
        return new ConfigException("setting " + name + " is missing: " + because + " (from " + origins.get(because)
                + ") is set and " + why + "; " + name + " is the " + SETTINGS.get(name));
    }

    private static String scheme(String s, String prefix, String example) {
        if (!s.startsWith(prefix)) {
            throw new IllegalArgumentException("must start with " + prefix + ", e.g. " + example);
        }
        return s;
    }

    private static java.net.URI uri(String s, String example, String... schemes) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(s);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL, e.g. " + example);
        }
        if (uri.getScheme() == null || !List.of(schemes).contains(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be a " + String.join(" or ", schemes) + " URL with a host, e.g. "
                    + example);
        }
        return uri;
    }

    private static String nodeId(String s) {
        if (!s.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new IllegalArgumentException("must be 1 to 64 of letters, digits and _ . : -");
        }
        return s;
    }

    private static String keyPrefix(String s) {
        if (!s.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new IllegalArgumentException("must be 1 to 64 of letters, digits and _ . : -");
        }
        return s;
    }

    private static String bucket(String s) {
        if (!s.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("must be 3 to 63 of lower-case letters, digits, . and -");
        }
        return s;
    }

    private static List<String> contentTypes(String s) {
        List<String> types = java.util.Arrays.stream(s.split(",")).map(String::strip)
                .map(t -> t.toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).toList();
        for (String t : types) {
            if (!t.matches("[a-z0-9.+-]+/([a-z0-9.+-]+|\\*)")) {
                throw new IllegalArgumentException("\"" + t + "\" is not a content type such as image/png or image/*");
            }
        }
        return types;
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
            throw new ConfigException("setting " + name + " = \"" + shown(name, raw) + "\" (from " + origins.get(name) + "): "
                    + why + "; it is the " + SETTINGS.get(name));
        }
    }

    /** The value as an error may show it: never a password, secret key or a URL's user information. */
    private static String shown(String name, String raw) {
        if (name.endsWith("password") || name.endsWith("secret-key")) {
            return "***";
        }
        return Backends.redact(raw);
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
