package org.urulink.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.urulink.server.BackendChecks;
import org.urulink.server.Backends;
import org.urulink.server.Check;
import org.urulink.server.ConfigException;
import org.urulink.server.ConfigLoader;
import org.urulink.server.ServerConfig;

/**
 * What {@code urulink setup} does once it has its answers. Three stages, each only when the one before passed:
 * look (reach every backend, change nothing), prepare (migrate, declare the exchange, make the bucket, the data
 * directory and the signing key), write (the config, and the systemd unit, each put in place by one rename).
 * So a ✗ never leaves a config behind.
 */
final class Setup {
    enum Mode { embedded, cluster }

    /**
     * @param settings by dashed name, as {@link ConfigLoader} knows them
     * @param systemd  where to write a unit file, if at all
     * @param migrate  whether to run the database migrations now (a starting server runs them anyway)
     */
    record Plan(Mode mode, Map<String, String> settings, Path configFile, Optional<Path> systemd, boolean migrate) {
    }

    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final CheckLines lines;

    Setup(Map<String, String> env, PrintWriter out, PrintWriter err) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.lines = new CheckLines(out);
    }

    int run(Plan plan) {
        ServerConfig config;
        try {
            config = ConfigLoader.load(Optional.empty(), withoutSettings(env), plan.settings());
        } catch (ConfigException e) {
            lines.accept(Check.failed("settings", e.getMessage(), "give a valid value and run urulink setup again"));
            return stop("a setting is wrong", ExitCodes.SERVER_CONFIG);
        }
        Backends b = config.backends();
        out.println("Checking (" + plan.mode() + "):");
        boolean looked = step(() -> BackendChecks.dataDir(config.dataDir(), false))
                & (!Files.exists(config.signingKeyFile())
                        || step(() -> BackendChecks.signingKey(config.signingKeyFile(), false, false)));
        if (b.database().isPresent()) {
            // Autovacuum off only warns: setup goes on.
            looked &= step(() -> BackendChecks.postgres(b.database().get()))
                    && step(() -> BackendChecks.autovacuum(b.database().get()));
        }
        if (b.redis().isPresent()) {
            looked &= step(() -> BackendChecks.redis(b.redis().get()));
        }
        if (b.amqp().isPresent()) {
            looked &= step(() -> BackendChecks.amqp(b.amqp().get()));
        }
        if (b.s3().isPresent()) {
            looked &= step(() -> BackendChecks.s3(b.s3().get()));
        }
        if (!looked) {
            return stop("nothing was prepared or written", ExitCodes.CHECK_FAILED);
        }
        out.println("Preparing:");
        if (!prepare(plan, config)) {
            return stop("no config was written", ExitCodes.CHECK_FAILED);
        }
        if (!write(plan, config)) {
            return stop("no config was written", ExitCodes.CHECK_FAILED);
        }
        NextSteps.print(out, plan, config, env);
        out.flush();
        return ExitCodes.OK;
    }

    /** Each preparation in turn; the first ✗ stops the rest. The signing key comes last: it is never taken back. */
    private boolean prepare(Plan plan, ServerConfig config) {
        Backends b = config.backends();
        if (b.database().isPresent()) {
            if (plan.migrate()) {
                if (!step(() -> BackendChecks.migrate(b.database().get()))) {
                    return false;
                }
            } else {
                out.println("- PostgreSQL schema  not migrated now (--skip-migrations); the first node to start "
                        + "migrates it");
            }
        }
        if (b.amqp().isPresent() && !step(() -> BackendChecks.exchange(b.amqp().get(), true))) {
            return false;
        }
        if (b.s3().isPresent() && !step(() -> BackendChecks.bucket(b.s3().get(), true))) {
            return false;
        }
        return step(() -> BackendChecks.dataDir(config.dataDir(), true))
                && step(() -> BackendChecks.signingKey(config.signingKeyFile(), true, false));
    }

    /** Stages the config (and unit), proves the config loads as the server will load it, then renames both in place. */
    private boolean write(Plan plan, ServerConfig config) {
        Path target = plan.configFile();
        String user = System.getProperty("user.name");
        Optional<Path> staged = Optional.empty();
        Optional<Path> stagedUnit = Optional.empty();
        String writing = "config";
        try {
            staged = Optional.of(ConfigYaml.stage(target, ConfigYaml.render(written(plan, config))));
            ConfigLoader.load(staged, withoutSettings(env), Map.of());
            if (plan.systemd().isPresent()) {
                writing = "systemd unit";
                Path unit = plan.systemd().get().toAbsolutePath();
                stagedUnit = Optional.of(ConfigYaml.stage(unit, SystemdUnit.render(SystemdUnit.launcher(env),
                        target, config.dataDir(), config.signingKeyFile(), user)));
                Files.setPosixFilePermissions(stagedUnit.get(), PosixFilePermissions.fromString("rw-r--r--"));
                ConfigYaml.commit(stagedUnit.get(), unit);
                lines.accept(Check.passed(writing, unit + " written (runs server start --config " + target
                        + " as " + user + ")"));
                writing = "config";
            }
            ConfigYaml.commit(staged.get(), target);
            lines.accept(Check.passed(writing, target + " written (mode 0600)"));
            return true;
        } catch (IOException | ConfigException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied: " + e.getMessage()
                    : e.getMessage();
            lines.accept(Check.failed(writing, "cannot write it (" + why + ")",
                    "run setup as a user who may write there (root for /etc), or choose another path "
                            + ("config".equals(writing) ? "with --config FILE" : "with --systemd PATH")));
            return false;
        } finally {
            staged.ifPresent(Setup::deleteQuietly);
            stagedUnit.ifPresent(Setup::deleteQuietly);
        }
    }

    /** The settings worth writing: only those that differ from the defaults, paths made absolute. */
    private Map<String, String> written(Plan plan, ServerConfig config) {
        ServerConfig defaults = ServerConfig.defaults(ConfigLoader.defaultDataDir(env));
        Map<String, String> s = plan.settings();
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : SettingOptions.NAMES) {
            // A unit runs with another environment than this shell: it gets the data directory spelled out.
            String value = name.equals("data-dir") && plan.systemd().isPresent() ? config.dataDir().toString()
                    : s.get(name);
            if (value == null || value.isBlank()) {
                continue;
            }
            boolean dflt = switch (name) {
                case "host" -> config.host().equals(defaults.host());
                case "port" -> config.port() == defaults.port();
                case "data-dir" -> config.dataDir().equals(defaults.dataDir()) && plan.systemd().isEmpty();
                case "signing-key-file" -> config.signingKeyFile().equals(config.dataDir().resolve("signing.key"));
                case "s3-public-endpoint" -> value.equals(s.get("s3-endpoint"));
                case "s3-bucket" -> value.equals("urulink");
                case "s3-region" -> value.equals("us-east-1");
                default -> false;
            };
            if (!dflt) {
                out.put(name, switch (name) {
                    case "data-dir" -> config.dataDir().toString();
                    case "signing-key-file" -> config.signingKeyFile().toString();
                    default -> value.strip();
                });
            }
        }
        return out;
    }

    private boolean step(Supplier<Check> check) {
        Check c = check.get();
        lines.accept(c);
        return c.ok();
    }

    private int stop(String what, int code) {
        out.println(lines.summary());
        out.flush();
        err.println("urulink: setup stopped at the ✗ above; " + what + ". Fix it and run urulink setup again.");
        err.flush();
        return code;
    }

    /** The environment without {@code URULINK_*} settings: setup's answers already hold those it takes. */
    static Map<String, String> withoutSettings(Map<String, String> env) {
        Map<String, String> rest = new LinkedHashMap<>(env);
        rest.keySet().removeIf(k -> k.startsWith("URULINK_"));
        return rest;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a stray temporary file beside the config is all that is left
        }
    }
}
