package org.urulink.cli;

import java.io.Console;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import org.urulink.client.CredentialsFile;

/**
 * Everything a command takes from the process around it, so tests can run commands in-process with their own
 * environment, config directory, stdin and time zone.
 *
 * @param env       environment variables ({@code URULINK_SERVER}, ...)
 * @param configDir where {@code credentials.json} lives
 * @param stdin     standard input ({@code --password-stdin}, {@code send -})
 * @param prompt    asks for a password without echo; empty when there is no terminal
 * @param clock     the clock token expiry is measured on
 * @param zone      the zone history times are shown in
 * @param workDir   where {@code download} saves files when not told otherwise
 * @param terminal  whether stderr is a terminal (progress bars are drawn only there), and how wide
 */
public record CliContext(Map<String, String> env, Path configDir, InputStream stdin, PasswordPrompt prompt,
                         Clock clock, ZoneId zone, Path workDir, StderrTerminal terminal) {

    public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    /** The real process: its environment, {@code $XDG_CONFIG_HOME/urulink}, System.in and the console. */
    public CliContext() {
        this(System.getenv(), CredentialsFile.defaultConfigDir(System.getenv(), Path.of(System.getProperty("user.home"))),
                System.in, CliContext::consolePassword, Clock.systemUTC(), ZoneId.systemDefault(),
                Path.of("").toAbsolutePath(), StderrTerminal::detect);
    }

    /** A context without a terminal, saving downloads in the current directory. */
    public CliContext(Map<String, String> env, Path configDir, InputStream stdin, PasswordPrompt prompt,
                      Clock clock, ZoneId zone) {
        this(env, configDir, stdin, prompt, clock, zone, Path.of("").toAbsolutePath(), StderrTerminal.NONE);
    }

    /** Reads a password with no echo. */
    @FunctionalInterface
    public interface PasswordPrompt {
        Optional<char[]> read(String prompt);
    }

    /** A prompt for tests and pipes: there is never a terminal. */
    public static Optional<char[]> noTerminal(String prompt) {
        return Optional.empty();
    }

    private static Optional<char[]> consolePassword(String prompt) {
        Console console = System.console();
        return console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", prompt));
    }

    /** {@code --server} if given, else {@code $URULINK_SERVER}, else {@value #DEFAULT_SERVER}. */
    public URI server(String option) {
        String fromEnv = env.get("URULINK_SERVER");
        String chosen = option != null && !option.isBlank() ? option
                : fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_SERVER;
        try {
            URI uri = new URI(chosen);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new UsageException("the server must be an http:// or https:// URL such as " + DEFAULT_SERVER
                + ", not \"" + chosen + "\"");
    }

    public CredentialsFile credentials() {
        return CredentialsFile.in(configDir);
    }
}
