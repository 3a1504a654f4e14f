package org.urulink.client;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.urulink.protocol.UserInfo;

/** The answer of {@code POST /login} and {@code POST /token/refresh}; its token fields are camelCase on the wire. */
public record LoginAnswer(@JsonProperty("accessToken") String accessToken,
                          @JsonProperty("refreshToken") String refreshToken,
                          @JsonProperty("expiresIn") long expiresIn,
                          UserInfo user) {
    @Override
    public String toString() {
        return "LoginAnswer[user=" + (user == null ? "?" : user.username()) + ", expiresIn=" + expiresIn + "]";
    }
}
