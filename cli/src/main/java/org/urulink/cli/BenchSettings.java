package org.urulink.cli;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * One run's settings, defaults applied.
 *
 * @param server          where senders connect and users are made
 * @param receiverServer  where receivers connect (the second node for {@code cluster}, else {@code server})
 * @param pairs           sender/receiver pairs (throughput, latency, cluster)
 * @param messages        messages per sender
 * @param window          unacknowledged sends per sender (throughput, cluster)
 * @param rate            messages per second in total, open loop (latency, fanout)
 * @param bodyBytes       size of each message body
 * @param members         group size, all online (fanout)
 * @param senders         members who send (fanout)
 * @param sessions        idle sessions to hold (connections)
 * @param users           accounts those sessions are spread over (connections)
 * @param hold            how long the sessions stay open before they are checked (connections)
 * @param clientAddresses local addresses to connect from; empty: the system's choice (connections spreads over
 *                        127.0.0.x by itself past 25,000 sessions to a loopback server)
 * @param serverPid       the server's process, for RSS from /proc (connections); else /metrics
 * @param idleTimeout     how long without progress before what has not arrived counts as lost
 * @param prefix          the bench users' username prefix
 */
record BenchSettings(String scenario, URI server, URI receiverServer, int pairs, int messages, int window, int rate,
                     int bodyBytes, int members, int senders, int sessions, int users, Duration hold,
                     List<InetAddress> clientAddresses, OptionalLong serverPid, Duration idleTimeout, String prefix) {

    /** The body every message carries: {@code bodyBytes} of ASCII, which needs no JSON escaping. */
    String body() {
        return "x".repeat(bodyBytes);
    }
}
