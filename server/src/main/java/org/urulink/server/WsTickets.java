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

    /** Where tickets wait: this node's memory, or Redis so any node can redeem what another issued. */
    interface Holder {
        void put(String ticket, Tokens.Claims claims, Duration ttl);

        /** Removes and returns the ticket's claims; empty when unknown or expired. */
        Optional<Tokens.Claims> take(String ticket);
    }

    private final SecureRandom random = new SecureRandom();
    private final Holder holder;

    WsTickets(Holder holder) {
        this.holder = holder;
    }

    /** Tickets held in this node's memory. */
    static WsTickets local(Clock clock) {
        return new WsTickets(new InMemory(clock));
    }

    String issue(Tokens.Claims claims) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String ticket = "t1." + HexFormat.of().formatHex(bytes);
        holder.put(ticket, claims, TTL);
        return ticket;
    }

    /** The claims the ticket was issued for, removing it; empty when unknown, used or expired. */
    Optional<Tokens.Claims> redeem(String ticket) {
        return ticket == null ? Optional.empty() : holder.take(ticket);
    }

    private static final class InMemory implements Holder {
        private record Entry(Tokens.Claims claims, long expiresAt) {
        }

        private final ConcurrentHashMap<String, Entry> tickets = new ConcurrentHashMap<>();
        private final Clock clock;

        InMemory(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void put(String ticket, Tokens.Claims claims, Duration ttl) {
            long now = clock.millis();
            tickets.values().removeIf(e -> e.expiresAt() < now);
            tickets.put(ticket, new Entry(claims, now + ttl.toMillis()));
        }

        @Override
        public Optional<Tokens.Claims> take(String ticket) {
            Entry e = tickets.remove(ticket);
            return e == null || e.expiresAt() < clock.millis() ? Optional.empty() : Optional.of(e.claims());
        }
    }
}
