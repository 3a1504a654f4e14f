package org.urulink.server;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;

/** Checks Redis: connects with the server's own client settings, logs in, and sends PING. */
final class RedisCheck {
    private static final String NAME = "Redis";

    private RedisCheck() {
    }

    static Check connect(URI uri) {
        String shown = shown(uri);
        String where = uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 6379);
        RedisClient client;
        try {
            client = RedisClients.open(uri);
        } catch (RuntimeException e) {
            return Check.failed(NAME, shown + ": " + BackendChecks.mask(String.valueOf(e.getMessage()), password(uri)),
                    "correct redis-url, e.g. redis://host:6379 or redis://:PASSWORD@host:6379");
        }
        client.setOptions(client.getOptions().mutate()
                .socketOptions(SocketOptions.builder().connectTimeout(BackendChecks.TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(BackendChecks.TIMEOUT))
                .build());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().ping();
            return Check.passed(NAME, shown + ": answers PING (Redis " + version(c.sync().info("server")) + ")");
        } catch (RedisException e) {
            String said = BackendChecks.mask(deepest(e), password(uri));
            String upper = said.toUpperCase(Locale.ROOT);
            if (upper.contains("WRONGPASS") || upper.contains("NOAUTH") || upper.contains("INVALID PASSWORD")
                    || upper.contains("INVALID USERNAME")) {
                return Check.failed(NAME, shown + ": authentication failed (" + said + ")",
                        "correct the password in redis-url: redis://:PASSWORD@host:6379, or redis://USER:PASSWORD@"
                                + "host:6379 with an ACL user");
            }
            return Unreachable.of(e, NAME, where, "redis-url")
                    .map(u -> Check.failed(NAME, shown + ": cannot reach " + where + " (" + u.reason() + ")", u.fix()))
                    .orElseGet(() -> Check.failed(NAME, shown + ": " + said, "check redis-url and that Redis runs there"));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static String version(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length()).strip();
            }
        }
        return "version unknown";
    }

    private static String deepest(Throwable e) {
        String said = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                said = t.getMessage();
            }
        }
        return said;
    }

    /** Redis takes {@code redis://PASSWORD@host} as a password alone, so user information without a colon is hidden. */
    private static String shown(URI uri) {
        String info = uri.getRawUserInfo();
        if (info != null && info.indexOf(':') < 0) {
            return uri.toString().replace(info + "@", "***@");
        }
        return BackendChecks.shown(uri);
    }

    private static String password(URI uri) {
        String info = uri.getRawUserInfo();
        if (info == null) {
            return "";
        }
        int colon = info.indexOf(':');
        return URLDecoder.decode(colon < 0 ? info : info.substring(colon + 1), StandardCharsets.UTF_8);
    }
}
