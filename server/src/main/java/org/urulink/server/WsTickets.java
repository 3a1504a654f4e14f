package org.urulink.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time tickets for opening {@code /ws?ticket=} from clients that cannot set an Authorization header
 * (browsers). A ticket is random, lives 30 s and works once.
 */
final class WsTickets {
    static final Duration TTL = Duration.ofSeconds(30);

    private record Entry(Tokens.Claims claims, long expiresAt) {
    }

    private final ConcurrentHashMap<String, Entry> tickets = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    WsTickets(Clock clock) {
        this.clock = clock;
    }

    String issue(Tokens.Claims claims) {
        long now = clock.millis();
        tickets.values().removeIf(e -> e.expiresAt() < now);
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String ticket = "t1." + HexFormat.of().formatHex(bytes);
        tickets.put(ticket, new Entry(claims, now + TTL.toMillis()));
        return ticket;
    }

    /** The claims the ticket was issued for, removing it; empty when unknown, used or expired. */
    Optional<Tokens.Claims> redeem(String ticket) {
        Entry e = ticket == null ? null : tickets.remove(ticket);
        return e == null || e.expiresAt() < clock.millis() ? Optional.empty() : Optional.of(e.claims());
    }
}
