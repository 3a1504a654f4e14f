package org.urulink.cli;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * The bench's side of the network: Netty event loops (each one thread multiplexing its sockets), one per group of
 * sockets, each group bound to a local address when the run spreads over loopback aliases (one address has only
 * ~28k ephemeral ports). Sessions are opened many at a time but not all at once.
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

    private final EventLoopGroup group;
    private final List<EventLoop> loops;
    /** The local address of each loop's sockets; empty: the system's choice. */
    private final List<InetAddress> addresses;
    /** Every session opened, so closing waits for their goodbyes. */
    private final List<BenchSocket> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();

    private BenchNet(int count, List<InetAddress> addresses) {
        this.group = new MultiThreadIoEventLoopGroup(count, NioIoHandler.newFactory());
        List<EventLoop> all = new ArrayList<>();
        group.forEach(e -> all.add((EventLoop) e));
        this.loops = List.copyOf(all);
        this.addresses = List.copyOf(addresses);
    }

    /** {@code count} event loops on the default local address. */
    static BenchNet of(int count) {
        return new BenchNet(count, List.of());
    }

    /** One event loop per local address. */
    static BenchNet bound(List<InetAddress> addresses) {
        return new BenchNet(addresses.size(), addresses);
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
        return loops.size();
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
            int client = s.client() % loops.size();
            CompletableFuture<BenchSocket> f = BenchSocket.open(loops.get(client),
                    addresses.isEmpty() ? null : addresses.get(client), wsUri(s.server()), s.token(), s.index(),
                    receiver, HANDSHAKE);
            f.whenComplete((socket, err) -> {
                slots.release();
                if (err == null) {
                    opened.accept(done.incrementAndGet());
                }
            });
            all.add(f);
        }
        List<BenchSocket> sockets = collect(all, specs.size());
        sessions.addAll(sockets);
        return sockets;
    }

    private List<BenchSocket> collect(List<CompletableFuture<BenchSocket>> all, int wanted) {
        List<BenchSocket> sockets = new ArrayList<>(wanted);
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
            throw new IllegalStateException("could not open " + (wanted - sockets.size()) + " of "
                    + wanted + " sessions: " + describe(failure), failure);
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
        // Stopping the loops drops every connection at once, close frames still queued included: first give the
        // sessions a moment to say goodbye (the server answers a close and the connection ends).
        try {
            CompletableFuture.allOf(sessions.stream().map(BenchSocket::gone).toArray(CompletableFuture[]::new))
                    .get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Those still open are dropped with the loops.
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
