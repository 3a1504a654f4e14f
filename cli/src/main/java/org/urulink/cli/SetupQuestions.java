package org.urulink.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.urulink.server.ConfigLoader;

/**
 * The questions of an interactive {@code urulink setup}, asked on a JLine terminal: each shows its default in
 * brackets, Enter keeps it; passwords and secret keys are read without echo. Settings given as options are not
 * asked again; those in {@code URULINK_*} variables become the defaults.
 */
final class SetupQuestions {
    /** The mode and the settings, by dashed name. */
    record Answers(Setup.Mode mode, Map<String, String> settings) {
    }

    private final LineReader reader;
    /**
     * No echo: a real terminal shows nothing typed for a secret. A dumb one (input from a pipe) shows nothing typed
     * at all, and JLine would repaint a masked prompt every 3 ms there, so secrets are read plainly on it.
     */
    private final Character secretMask;
    private final PrintWriter say;
    private final Map<String, String> env;
    private Map<String, String> fixed = Map.of();
    private Map<String, String> defaults = Map.of();
    private final Map<String, String> answers = new LinkedHashMap<>();

    SetupQuestions(Terminal terminal, Map<String, String> env) {
        this.reader = LineReaderBuilder.builder().terminal(terminal)
                // Typed text is taken as it is: no history expansion of "!", no backslash escapes.
                .parser(new DefaultParser().escapeChars(new char[0]).quoteChars(new char[0]))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        this.secretMask = terminal.getType().startsWith("dumb") ? null : LineReaderImpl.NULL_MASK;
        this.say = terminal.writer();
        this.env = env;
    }

    /**
     * @param fixed    settings given as options
     * @param defaults settings from the environment, offered as defaults
     */
    Answers ask(Optional<Setup.Mode> mode, Map<String, String> fixed, Map<String, String> defaults) {
        this.fixed = fixed;
        this.defaults = defaults;
        answers.putAll(fixed);
        say.println("urulink setup — Enter keeps the [default]; passwords are not shown as you type.");
        boolean clusterHinted = defaults.keySet().stream().anyMatch(SettingOptions.CLUSTER::contains)
                || fixed.keySet().stream().anyMatch(SettingOptions.CLUSTER::contains);
        Setup.Mode m = mode.orElseGet(() -> mode(clusterHinted ? Setup.Mode.cluster : Setup.Mode.embedded));
        boolean cluster = m == Setup.Mode.cluster;
        String dataDir = value("data-dir", "Data directory", ConfigLoader.defaultDataDir(env).toString());
        value("host", "Address to listen on" + (cluster ? " (the load balancer must reach it)" : ""),
                cluster ? "0.0.0.0" : "127.0.0.1");
        value("port", "Port", "8080");
        if (cluster) {
            value("jdbc-url", "PostgreSQL JDBC URL", "jdbc:postgresql://127.0.0.1:5432/urulink");
            String user = value("jdbc-user", "PostgreSQL user", "urulink");
            secret("jdbc-password", "PostgreSQL password for " + user + " (Enter for none)", false);
            url("redis-url", "Redis URL", "redis://127.0.0.1:6379", "Redis password (Enter for none)");
            url("amqp-url", "RabbitMQ URL (amqp://USER@HOST:5672/VHOST)", "amqp://urulink@127.0.0.1:5672/urulink",
                    "RabbitMQ password");
            String endpoint = value("s3-endpoint", "S3 endpoint (MinIO or S3)", "http://127.0.0.1:9000");
            value("s3-public-endpoint", "S3 endpoint as clients reach it", endpoint);
            required("s3-access-key", "S3 access key");
            secret("s3-secret-key", "S3 secret key", true);
            value("s3-bucket", "S3 bucket (made when missing)", "urulink");
            value("s3-region", "S3 region", "us-east-1");
            value("signing-key-file", "Signing key file (every node must use this same key)",
                    java.nio.file.Path.of(dataDir).resolve("signing.key").toString());
        }
        say.flush();
        return new Answers(m, answers);
    }

    private Setup.Mode mode(Setup.Mode dflt) {
        while (true) {
            String line = reader.readLine("Run embedded (this machine only) or as a cluster node (shared PostgreSQL, "
                    + "Redis, RabbitMQ, S3)? [" + dflt + "]: ").strip();
            if (line.isEmpty()) {
                return dflt;
            }
            for (Setup.Mode m : Setup.Mode.values()) {
                if (m.name().startsWith(line.toLowerCase(java.util.Locale.ROOT))) {
                    return m;
                }
            }
            say.println("  please answer embedded or cluster");
        }
    }

    /** Asks for a setting unless it was given as an option. */
    private String value(String name, String question, String dflt) {
        if (fixed.containsKey(name)) {
            say.println(question + ": " + shown(fixed.get(name)) + " (from --" + name + ")");
            return fixed.get(name);
        }
        String d = defaults.getOrDefault(name, dflt);
        String line = reader.readLine(question + (d.isEmpty() ? "" : " [" + shown(d) + "]") + ": ").strip();
        String v = line.isEmpty() ? d : line;
        if (!v.isEmpty()) {
            answers.put(name, v);
        }
        return v;
    }

    private void required(String name, String question) {
        while (value(name, question, "").isEmpty()) {
            say.println("  " + name + " is needed");
        }
    }

    private void secret(String name, String question, boolean needed) {
        if (fixed.containsKey(name)) {
            return;
        }
        String fromEnv = defaults.getOrDefault(name, "");
        while (true) {
            String line = reader.readLine(question + (fromEnv.isEmpty() ? "" : " [Enter keeps "
                    + SettingOptions.env(name) + "]") + ": ", secretMask);
            String v = line.isEmpty() ? fromEnv : line;
            if (!v.isEmpty()) {
                answers.put(name, v);
                return;
            }
            if (!needed) {
                return;
            }
            say.println("  " + name + " is needed");
        }
    }

    /** A URL, then its password without echo when it names none. */
    private void url(String name, String question, String dflt, String passwordQuestion) {
        String url = value(name, question, dflt);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return; // setup's own check names what is wrong with it
        }
        String info = uri.getRawUserInfo();
        boolean hasPassword = info != null && (info.contains(":") || name.startsWith("redis"));
        if (hasPassword || fixed.containsKey(name)) {
            return;
        }
        // RabbitMQ's user defaults to guest; Redis before 6 has no users, only a password.
        String user = info != null ? info : name.startsWith("amqp") ? "guest" : "";
        String password = reader.readLine(passwordQuestion + (user.isEmpty() ? "" : " for " + user) + ": ",
                secretMask);
        if (!password.isEmpty()) {
            String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
            String prefix = uri.getScheme() + "://" + (info == null ? "" : info + "@");
            answers.put(name, uri.getScheme() + "://" + user + ":" + encoded + "@" + url.substring(prefix.length()));
        }
    }

    /** A default as a prompt may show it: without the password of a URL. */
    private static String shown(String value) {
        return value.replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@");
    }
}
