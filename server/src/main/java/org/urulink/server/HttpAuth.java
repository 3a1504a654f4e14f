package org.urulink.server;

import io.helidon.webserver.http.ServerRequest;
import org.urulink.protocol.ErrorCode;

/** The caller of an authenticated HTTP call, from its {@code Authorization: Bearer} header. */
final class HttpAuth {
    private HttpAuth() {
    }

    static Tokens.Claims claims(ServerRequest req, Services services) {
        String token = SocketAuth.bearer(req.headers()).orElseThrow(() -> new ChatException(ErrorCode.UNAUTHORIZED,
                "this call needs an Authorization: Bearer <access token> header"));
        return services.accounts().authenticate(token);
    }

    static User user(ServerRequest req, Services services) {
        Tokens.Claims claims = claims(req, services);
        return services.store().userById(claims.userId())
                .orElseThrow(() -> new ChatException(ErrorCode.UNAUTHORIZED, "this account no longer exists"));
    }
}
