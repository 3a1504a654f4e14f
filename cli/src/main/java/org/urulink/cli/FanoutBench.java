package org.urulink.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code fanout}: a group of G bench users, all online, S of them sending at a fixed total rate (open loop). The
 * figure is, per message, the time from its scheduled send until the last online member has it (the sender's own
 * session gets it too, and is counted like any member's). The group is
 * found again by its title on later runs, so runs do not pile up groups.
 */
final class FanoutBench {
    private final BenchRun run;
    private final BenchSettings s;
    private final MessageIds ids;
    private final BenchLedger ledger;
    /** What the machine took from the run (see {@link BenchStalls}). */
    private BenchStalls.Figures stalls;
    private final LongAdder acks = new LongAdder();

    FanoutBench(BenchRun run) {
        this.run = run;
        this.s = run.settings;
        this.ids = new MessageIds(run.runId);
        int m = s.messages();
        // Members are numbered like users; member i < S sends messages i*M ... i*M+M-1. The server sends each
        // message to every session of every member, the sending session included, so every member expects all.
        this.ledger = new BenchLedger(s.senders(), m, s.members(), s.members(), (receiver, message) -> true,
                BenchLedger.openLoopWarmup(m, (double) s.rate() / s.senders()));
    }

    BenchResult run() {
        List<BenchUsers.User> users = run.users(s.members());
        run.progress.show(() -> "finding the group");
        String group = group(users);
        List<BenchNet.Spec> specs = new ArrayList<>();
        for (int i = 0; i < s.members(); i++) {
            specs.add(new BenchNet.Spec(i, i % 2, s.server(), users.get(i).accessToken()));
        }
        try (BenchNet net = BenchNet.of(2)) {
            List<BenchSocket> sockets = run.open(net, specs, this::onFrame);
            run.awaitQuiet();
            long start = System.nanoTime();
            run.progress.show(() -> BenchRun.deliveredLine(ledger, start));
            stalls = BenchStalls.during(() -> {
                String body = s.body();
                long total = (long) s.senders() * s.messages();
                double interval = 1e9 / s.rate();
                for (long j = 0; j < total; j++) {
                    long due = start + (long) (j * interval);
                    BenchRun.until(due);
                    int sender = (int) (j % s.senders());
                    int message = sender * s.messages() + (int) (j / s.senders());
                    ledger.sent(message, due);
                    sockets.get(sender).send(BenchFrames.send(ids.of(message), group, body));
                }
                run.drain(ledger, () -> ledger.delivered() + acks.sum());
            });
            sockets.forEach(BenchSocket::close);
        }
        return result();
    }

    /** The group "<prefix>fanout-<G>" of users 0..G-1, made by user 0 when it does not exist (or lost members). */
    private String group(List<BenchUsers.User> users) {
        String title = s.prefix() + "fanout-" + s.members();
        String owner = users.get(0).accessToken();
        for (BenchHttp.Group g : run.http.groups(owner)) {
            if (g.title().equals(title) && g.members() == s.members()) {
                return g.id();
            }
        }
        List<String> others = users.subList(1, users.size()).stream().map(BenchUsers.User::username).toList();
        return run.http.createGroup(owner, title, others);
    }

    private void onFrame(BenchSocket socket, String text, long nanos) {
        String type = BenchFrames.type(text);
        switch (type) {
            case "message" -> {
                int message = ids.parse(BenchFrames.clientId(text));
                if (message >= 0) {
                    for (int c = run.tap.copies(socket.index(), message); c > 0; c--) {
                        ledger.received(socket.index(), message, nanos);
                    }
                }
            }
            case "ack" -> acks.increment();
            case "error" -> {
                ledger.refused(BenchFrames.code(text));
                acks.increment();
            }
            default -> {
                // presence, conversation changes: not measured
            }
        }
    }

    private BenchResult result() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("members", s.members());
        params.put("senders", s.senders());
        params.put("messages_per_sender", s.messages());
        params.put("rate", s.rate());
        params.put("body_bytes", s.bodyBytes());
        params.put("warmup_per_sender", ledger.warmup());
        params.put("server", s.server().toString());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("machine_stalls", stalls);
        Percentiles each = ledger.deliveries();
        if (!each.isEmpty()) {
            extra.put("each_member_p50_us", each.p50());
            extra.put("each_member_p99_us", each.p99());
        }
        if (ledger.unexpected() > 0) {
            extra.put("unexpected", ledger.unexpected());
        }
        if (!ledger.errors().isEmpty()) {
            extra.put("refused", ledger.errors());
        }
        return new BenchResult(s.scenario(), params, ledger.delivered(), ledger.lost(),
                ledger.duplicates() + ledger.unexpected(), ledger.steadyRate(), ledger.lastMember(),
                new ServerMemory(run.http, s.serverPid()).now().rss(), OptionalLong.empty(), extra, ledger::writeSamples);
    }
}
