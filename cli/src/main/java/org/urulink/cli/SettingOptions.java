package org.urulink.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.urulink.server.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives {@code urulink setup} one option per setting it writes ({@code --redis-url}, ...), named and described as
 * {@link ConfigLoader} names and describes them, so the two can never drift apart.
 */
final class SettingOptions implements CommandLine.IModelTransformer {
    /** The settings setup asks for or takes, in the order it writes them. */
    static final List<String> NAMES = List.of("host", "port", "data-dir", "signing-key-file", "node-id",
            "jdbc-url", "jdbc-user", "jdbc-password", "redis-url", "amqp-url", "s3-endpoint", "s3-public-endpoint",
            "s3-access-key", "s3-secret-key", "s3-bucket", "s3-region");
    /** Settings whose values are secret: never shown, asked for without echo. */
    static final List<String> SECRETS = List.of("jdbc-password", "s3-secret-key");
    /** Settings that make a cluster; embedded mode takes none of them. */
    static final List<String> CLUSTER = List.of("jdbc-url", "jdbc-user", "jdbc-password", "redis-url", "amqp-url",
            "s3-endpoint", "s3-public-endpoint", "s3-access-key", "s3-secret-key", "s3-bucket", "s3-region",
            "node-id");

    @Override
    public CommandSpec transform(CommandSpec spec) {
        for (String name : NAMES) {
            spec.addOption(OptionSpec.builder("--" + name)
                    .paramLabel(name.endsWith("url") || name.endsWith("endpoint") ? "URL"
                            : name.endsWith("dir") || name.endsWith("file") ? "PATH" : "VALUE")
                    .type(String.class)
                    .description(ConfigLoader.SETTINGS.get(name).replace("%", "%%") + " (or " + env(name) + ")")
                    .build());
        }
        return spec;
    }

    /** {@code URULINK_REDIS_URL} for {@code redis-url}. */
    static String env(String name) {
        return "URULINK_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The settings given as options, by name. */
    static Map<String, String> options(CommandSpec spec) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : NAMES) {
            String value = spec.findOption("--" + name).getValue();
            if (value != null) {
                given.put(name, value);
            }
        }
        return given;
    }

    /** The settings given in {@code URULINK_*} variables, by name. */
    static Map<String, String> environment(Map<String, String> environment) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : NAMES) {
            String value = environment.get(env(name));
            if (value != null && !value.isBlank()) {
                given.put(name, value);
            }
        }
        return given;
    }
}
