package org.urulink.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code throughput}, {@code latency} and {@code cluster}: P pairs, each a sender and a receiver in their direct
 * conversation, every user with one session. Users 2i and 2i+1 are pair i.
 *
 * <ul>
 * <li>throughput / cluster (closed loop): each sender keeps at most W sends unacknowledged, sending the next one
 *     as each ack comes back. Latency is from the actual send.</li>
 * <li>latency (open loop): send times are fixed in advance at the total rate, spread over the pairs, and a
 *     scheduler thread sends each when due whatever the server does, so a slow server shows as latency instead of
 *     slowing the senders down. Latency is from the scheduled time.</li>
 * </ul>
 * In {@code cluster} the receivers connect to the second node.
 */
final class PairBench {
    private final BenchRun run;
    private final BenchSettings s;
    private final boolean openLoop;
    private final MessageIds ids;
    private final BenchLedger ledger;
    /** What the machine took from the run (see {@link BenchStalls}). */
    private BenchStalls.Figures stalls;
    private final LongAdder acks = new LongAdder();
    private final AtomicIntegerArray nextToSend;
    private final String body;
    private String[] conversations;
    private List<BenchSocket> senders;

    PairBench(BenchRun run) {
        this.run = run;
        this.s = run.settings;
        this.openLoop = "latency".equals(s.scenario());
        this.ids = new MessageIds(run.runId);
        int m = s.messages();
        BenchLedger.Audience partner = (receiver, message) -> message / m == receiver;
        this.ledger = openLoop
                ? new BenchLedger(s.pairs(), m, s.pairs(), 1, partner, BenchLedger.openLoopWarmup(m, (double) s.rate() / s.pairs()))
                : new BenchLedger(s.pairs(), m, s.pairs(), 1, partner);
        this.nextToSend = new AtomicIntegerArray(s.pairs());
        this.body = s.body();
    }

    BenchResult run() {
        int p = s.pairs();
        List<BenchUsers.User> users = run.users(2 * p);
        run.progress.show(() -> "finding the pairs' conversations");
        List<String> convs = BenchRun.parallel(p, 16,
                i -> run.http.direct(users.get(2 * i).accessToken(), users.get(2 * i + 1).username()));
        conversations = convs.toArray(String[]::new);

        List<BenchNet.Spec> sendSpecs = new ArrayList<>();
        List<BenchNet.Spec> receiveSpecs = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            sendSpecs.add(new BenchNet.Spec(i, 0, s.server(), users.get(2 * i).accessToken()));
            receiveSpecs.add(new BenchNet.Spec(i, 1, s.receiverServer(), users.get(2 * i + 1).accessToken()));
        }
        // Two clients: senders' and receivers' frames are read by two event-loop threads.
        try (BenchNet net = BenchNet.of(2)) {
            List<BenchSocket> receivers = run.open(net, receiveSpecs, this::onReceiverFrame);
            senders = run.open(net, sendSpecs, this::onSenderFrame);
            run.awaitQuiet();
            long start = System.nanoTime();
            run.progress.show(() -> BenchRun.deliveredLine(ledger, start));
            stalls = BenchStalls.during(() -> {
                if (openLoop) {
                    schedule(start);
                } else {
                    for (int i = 0; i < p; i++) {
                        for (int w = 0; w < Math.min(s.window(), s.messages()); w++) {
                            sendNext(i);
                        }
                    }
                }
                run.drain(ledger, () -> ledger.delivered() + acks.sum());
            });
            senders.forEach(BenchSocket::close);
            receivers.forEach(BenchSocket::close);
        }
        return result();
    }

    /** The open loop: message j is due at start + j / rate, from pair j mod P. */
    private void schedule(long start) {
        int p = s.pairs();
        long total = (long) p * s.messages();
        double interval = 1e9 / s.rate();
        for (long j = 0; j < total; j++) {
            long due = start + (long) (j * interval);
            BenchRun.until(due);
            int pair = (int) (j % p);
            int message = pair * s.messages() + (int) (j / p);
            ledger.sent(message, due);
            senders.get(pair).send(BenchFrames.send(ids.of(message), conversations[pair], body));
        }
    }

    private void sendNext(int pair) {
        int k = nextToSend.getAndIncrement(pair);
        if (k >= s.messages()) {
            return;
        }
        int message = pair * s.messages() + k;
        ledger.sent(message, System.nanoTime());
        senders.get(pair).send(BenchFrames.send(ids.of(message), conversations[pair], body));
    }

    private void onSenderFrame(BenchSocket socket, String text, long nanos) {
        String type = BenchFrames.type(text);
        if ("ack".equals(type) || "error".equals(type)) {
            if ("error".equals(type)) {
                ledger.refused(BenchFrames.code(text));
            }
            acks.increment();
            if (!openLoop) {
                sendNext(socket.index());
            }
        }
    }

    private void onReceiverFrame(BenchSocket socket, String text, long nanos) {
        if (!"message".equals(BenchFrames.type(text))) {
            return;
        }
        int message = ids.parse(BenchFrames.clientId(text));
        if (message < 0) {
            return; // a late delivery from an earlier run
        }
        for (int c = run.tap.copies(socket.index(), message); c > 0; c--) {
            ledger.received(socket.index(), message, nanos);
        }
    }

    private BenchResult result() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("pairs", s.pairs());
        params.put("messages_per_pair", s.messages());
        if (openLoop) {
            params.put("rate", s.rate());
        } else {
            params.put("window", s.window());
        }
        params.put("body_bytes", s.bodyBytes());
        params.put("warmup_per_sender", ledger.warmup());
        params.put("server", s.server().toString());
        if (!s.receiverServer().equals(s.server()) || "cluster".equals(s.scenario())) {
            params.put("server2", s.receiverServer().toString());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("machine_stalls", stalls);
        if (ledger.unexpected() > 0) {
            extra.put("unexpected", ledger.unexpected());
        }
        if (!ledger.errors().isEmpty()) {
            extra.put("refused", ledger.errors());
        }
        return new BenchResult(s.scenario(), params, ledger.delivered(), ledger.lost(),
                ledger.duplicates() + ledger.unexpected(), ledger.steadyRate(), ledger.deliveries(),
                new ServerMemory(run.http, s.serverPid()).now().rss(), OptionalLong.empty(), extra, ledger::writeSamples);
    }
}
