package org.urulink.cli;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * {@code connections}: N idle authenticated sessions, spread over U bench users (many sessions per user: making
 * 100,000 accounts would cost hours of Argon2id). The server's memory is read before and after; the difference
 * over N is the cost of a session (with {@code --server-pid}, after a full GC each time, so the heap is live data). At the end each session is pinged: a session that does not answer counts as
 * lost, so "held" means held and served, not merely not closed.
 */
final class ConnectionsBench {
    private final BenchRun run;
    private final BenchSettings s;
    private final MessageIds ids;
    private final BenchLedger pongs;

    ConnectionsBench(BenchRun run) {
        this.run = run;
        this.s = run.settings;
        this.ids = new MessageIds(run.runId);
        this.pongs = new BenchLedger(s.sessions(), 1, s.sessions(), 1, (receiver, message) -> receiver == message);
    }

    BenchResult run() {
        List<BenchUsers.User> users = run.users(Math.min(s.users(), s.sessions()));
        ServerMemory memory = new ServerMemory(run.http, s.serverPid());
        run.progress.show(() -> "reading the server's memory");
        ServerMemory.Sample before = memory.sample();
        List<InetAddress> from = addresses();
        List<BenchNet.Spec> specs = new ArrayList<>(s.sessions());
        for (int i = 0; i < s.sessions(); i++) {
            specs.add(new BenchNet.Spec(i, i, s.server(), users.get(i % users.size()).accessToken()));
        }
        ServerMemory.Sample after;
        double opensPerS;
        try (BenchNet net = from.isEmpty() ? BenchNet.of(2) : BenchNet.bound(from)) {
            long start = System.nanoTime();
            List<BenchSocket> sockets = run.open(net, specs, this::onFrame);
            opensPerS = s.sessions() / ((System.nanoTime() - start) / 1e9);
            run.awaitQuiet();
            long holdUntil = System.nanoTime() + s.hold().toNanos();
            run.progress.show(() -> String.format(java.util.Locale.ROOT, "holding %,d sessions  %d s left",
                    s.sessions(), Math.max(0, TimeUnit.NANOSECONDS.toSeconds(holdUntil - System.nanoTime()))));
            BenchRun.until(holdUntil);
            run.progress.show(() -> "reading the server's memory");
            after = memory.sample();
            run.progress.show(() -> "pinging every session " + pongs.delivered() + "/" + s.sessions());
            for (BenchSocket socket : sockets) {
                pongs.sent(socket.index(), System.nanoTime());
                socket.send(BenchFrames.ping(ids.of(socket.index())));
            }
            run.drain(pongs, pongs::delivered);
            sockets.forEach(BenchSocket::close);
        }
        return result(before, after, from, opensPerS);
    }

    /** --client-addresses, else 127.0.0.x aliases when one address has too few ports for a loopback server. */
    private List<InetAddress> addresses() {
        if (!s.clientAddresses().isEmpty()) {
            return s.clientAddresses();
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(s.server().getHost()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            loopback = false;
        }
        return loopback && s.sessions() > BenchNet.PER_ADDRESS ? BenchNet.loopbackAliases(s.sessions()) : List.of();
    }

    private void onFrame(BenchSocket socket, String text, long nanos) {
        if ("pong".equals(BenchFrames.type(text))) {
            int n = ids.parse(BenchFrames.ref(text));
            if (n >= 0) {
                for (int c = run.tap.copies(socket.index(), n); c > 0; c--) {
                    pongs.received(socket.index(), n, nanos);
                }
            }
        }
    }

    private BenchResult result(ServerMemory.Sample before, ServerMemory.Sample after, List<InetAddress> from,
                               double opensPerS) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("sessions", s.sessions());
        params.put("users", Math.min(s.users(), s.sessions()));
        params.put("hold_s", s.hold().toSeconds());
        params.put("server", s.server().toString());
        params.put("memory_from", s.serverPid().isPresent() ? "pid " + s.serverPid().getAsLong() : "/metrics");
        if (!from.isEmpty()) {
            params.put("client_addresses", from.size());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("opened_per_s", Math.round(opensPerS));
        // Without a GC before each reading the heap is live data plus garbage: no figure per session then.
        OptionalLong heapPer = before.collected() && after.collected() ? perSession(before.heap(), after.heap())
                : OptionalLong.empty();
        if (after.heap().isPresent()) {
            extra.put("server_heap_bytes", after.heap().getAsLong());
        }
        if (heapPer.isPresent()) {
            extra.put("heap_per_connection_bytes", heapPer.getAsLong());
        } else {
            extra.put("heap_per_connection", "needs --server-pid and jcmd (a full GC before each reading)");
        }
        OptionalLong rssPer = perSession(before.rss(), after.rss());
        rssPer.ifPresent(b -> extra.put("rss_per_connection_bytes", b));
        return new BenchResult(s.scenario(), params, pongs.delivered(), pongs.lost(),
                pongs.duplicates() + pongs.unexpected(), 0, Percentiles.NONE, after.rss(), larger(rssPer, heapPer),
                extra, BenchSamples.NONE);
    }

    /**
     * What a session costs, at least: RSS growth alone misses heap the JVM had touched before (a warm server's RSS
     * hardly moves), live-heap growth alone misses native memory; the larger of the two is the figure.
     */
    private static OptionalLong larger(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : OptionalLong.of(Math.max(a.getAsLong(), b.getAsLong()));
    }

    private OptionalLong perSession(OptionalLong before, OptionalLong after) {
        if (before.isEmpty() || after.isEmpty() || s.sessions() == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((after.getAsLong() - before.getAsLong()) / s.sessions());
    }
}
