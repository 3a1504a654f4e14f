package org.urulink.server;

import java.util.Locale;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;

/** Who is opening a WebSocket, read from the upgrade request, and which protocol they speak. */
record SocketAuth(Tokens.Claims claims, Optional<String> receiverRef) {

    /**
     * @throws ChatException when no valid token or ticket is given
     */
    static SocketAuth of(HttpPrologue prologue, Headers headers, Accounts accounts, WsTickets tickets) {
        Optional<String> ticket = prologue.query().first("ticket").asOptional();
        Tokens.Claims claims;
        if (ticket.isPresent()) {
            claims = tickets.redeem(ticket.get()).orElseThrow(() -> new ChatException(
                    org.urulink.protocol.ErrorCode.UNAUTHORIZED, "unknown, used or expired ticket"));
        } else {
            claims = accounts.authenticate(bearer(headers).orElseThrow(() -> new ChatException(
                    org.urulink.protocol.ErrorCode.UNAUTHORIZED, "an Authorization header or ticket is required")));
        }
        return new SocketAuth(claims, prologue.query().first("receiver_id").asOptional());
    }

    /** The token of {@code Authorization: Bearer <t>}, or of a bare {@code Authorization: <t>} as seed clients send. */
    static Optional<String> bearer(Headers headers) {
        return headers.first(HeaderNames.AUTHORIZATION).map(String::strip).map(v ->
                v.toLowerCase(Locale.ROOT).startsWith("bearer ") ? v.substring(7).strip() : v)
                .filter(v -> !v.isEmpty());
    }
}
