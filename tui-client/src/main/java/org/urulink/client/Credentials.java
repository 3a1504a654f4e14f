package org.urulink.client;

import java.net.URI;
import java.util.Objects;

import org.urulink.protocol.UserInfo;

/**
 * A stored login: which server, who, and the current token pair. {@code accessExpiresAt} is epoch
 * milliseconds on this machine's clock. {@link #toString()} leaves the tokens out so they never reach a log.
 */
public record Credentials(URI server, UserInfo user, String accessToken, String refreshToken, long accessExpiresAt) {

    public Credentials {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    /** The credentials a login (or refresh) answer gives, received at {@code nowMillis}. */
    public static Credentials of(URI server, LoginAnswer answer, long nowMillis) {
        return new Credentials(server, answer.user(), answer.accessToken(), answer.refreshToken(),
                nowMillis + answer.expiresIn() * 1000L);
    }

    @Override
    public String toString() {
        return "Credentials[server=" + server + ", user=" + user.username() + ", accessExpiresAt=" + accessExpiresAt
                + "]";
    }
}
