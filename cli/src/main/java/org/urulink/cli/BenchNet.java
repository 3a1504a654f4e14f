package org.urulink.cli;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The bench's side of the network: JDK HTTP clients (each one selector thread multiplexing all its sockets), one
 * per group of sockets, each bound to a local address when the run spreads over loopback aliases (one address has
 * only ~28k ephemeral ports). Sessions are opened many at a time but not all at once.
 */
final class BenchNet implements AutoCloseable {
    /** Sockets whose handshakes may be in flight at once. */
    static final int OPENING = 256;
    /** Sessions per source address; the kernel's default ephemeral range has 28,232 ports. */
    static final int PER_ADDRESS = 25_000;
    private static final Duration HANDSHAKE = Duration.ofSeconds(30);

    /** What to open: which group of sockets (client) it belongs to, on which server, as whom. */
    record Spec(int index, int client, URI server, String token) {
    }

    private final List<HttpClient> clients;

    private BenchNet(List<HttpClient> clients) {
        this.clients = clients;
    }

    /** {@code count} clients on the default local address. */
    static BenchNet of(int count) {
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(HttpClient.newBuilder().connectTimeout(HANDSHAKE).build());
        }
        return new BenchNet(clients);
    }

    /** One client per local address. */
    static BenchNet bound(List<InetAddress> addresses) {
        List<HttpClient> clients = new ArrayList<>();
        for (InetAddress a : addresses) {
            clients.add(HttpClient.newBuilder().connectTimeout(HANDSHAKE).localAddress(a).build());
        }
        return new BenchNet(clients);
    }

    /** The loopback addresses 127.0.0.1 ... needed for {@code sessions} at {@link #PER_ADDRESS} each. */
    static List<InetAddress> loopbackAliases(int sessions) {
        int n = Math.max(1, (sessions + PER_ADDRESS - 1) / PER_ADDRESS);
        List<InetAddress> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            try {
                out.add(InetAddress.getByAddress(new byte[] {127, 0, (byte) (i / 256), (byte) (i % 256)}));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    int clients() {
        return clients.size();
    }

    /**
     * Opens every session and waits until each has its {@code hello}; {@code opened} hears the count so far.
     * Fails with the first refusal (after closing what did open).
     */
    List<BenchSocket> open(List<Spec> specs, BenchSocket.Receiver receiver, IntConsumer opened) {
        Semaphore slots = new Semaphore(OPENING);
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<BenchSocket>> all = new ArrayList<>(specs.size());
        for (Spec s : specs) {
            slots.acquireUninterruptibly();
            CompletableFuture<BenchSocket> f = BenchSocket.open(clients.get(s.client() % clients.size()),
                    wsUri(s.server()), s.token(), s.index(), receiver, HANDSHAKE);
            f.whenComplete((socket, err) -> {
                slots.release();
                if (err == null) {
                    opened.accept(done.incrementAndGet());
                }
            });
            all.add(f);
        }
        List<BenchSocket> sockets = new ArrayList<>(specs.size());
        Throwable failure = null;
        for (CompletableFuture<BenchSocket> f : all) {
            try {
                sockets.add(f.join());
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e.getCause() != null ? e.getCause() : e;
                }
            }
        }
        if (failure != null) {
            sockets.forEach(BenchSocket::abort);
            throw new IllegalStateException("could not open " + (specs.size() - sockets.size()) + " of "
                    + specs.size() + " sessions: " + describe(failure), failure);
        }
        return sockets;
    }

    static URI wsUri(URI http) {
        String s = http.toString().replaceFirst("/+$", "");
        return URI.create(s.replaceFirst("^http", "ws") + "/ws");
    }

    private static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.BindException || c instanceof java.net.SocketException) {
                return c.getMessage() + " (out of ports or file descriptors? see `ulimit -n` and --client-addresses)";
            }
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        clients.forEach(HttpClient::shutdownNow);
    }
}
