package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection that goes silent without closing (a laptop lid, a NAT that forgot us) is noticed by the keepalive:
 * after two ping intervals without a word from the server the socket reconnects. The chat pings every 10 s, so
 * it notices within 30 s; here the interval is 200 ms.
 */
class DeadLinkTest {
    @TempDir
    Path data;

    @Test
    void theChatNoticesADeadLinkWithinThirtySeconds() {
        Duration ping = ChatApp.SOCKET.pingInterval();
        assertTrue(ping.multipliedBy(3).compareTo(Duration.ofSeconds(30)) <= 0, "silent for two intervals, checked every one");
    }

    @Test
    void aSilentConnectionIsDroppedAfterTwoPingIntervals() throws Exception {
        try (TestServer server = TestServer.start(data); Proxy proxy = new Proxy(server.port())) {
            Session real = server.user("alice");
            Credentials c = real.credentials();
            Session viaProxy = new Session(TokenStore.inMemory(), new Credentials(proxy.uri(), c.user(), c.accessToken(),
                    c.refreshToken(), c.accessExpiresAt()), Clock.systemUTC(), Session.DEFAULT_MARGIN);
            ChatSocketTest.Recorder heard = new ChatSocketTest.Recorder();
            ChatSocket.Options options = new ChatSocket.Options(Duration.ofMillis(50), Duration.ofMillis(200), 500,
                    Duration.ofMillis(200));
            try (ChatSocket socket = new ChatSocket(viaProxy, heard, options, Map.of()).start()) {
                heard.awaitState(ChatSocket.State.ONLINE);
                proxy.freeze();
                long frozenAt = System.nanoTime();
                heard.awaitState(ChatSocket.State.RECONNECTING);
                long millis = (System.nanoTime() - frozenAt) / 1_000_000;
                assertTrue(millis < 3 * 200 + 400, "noticed after " + millis + " ms");
                proxy.thaw();
                heard.awaitState(ChatSocket.State.ONLINE);
            }
        }
    }

    /** Forwards TCP to the server until frozen; frozen, it swallows every byte and closes nothing. */
    static final class Proxy implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final int target;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private volatile boolean frozen;

        Proxy(int target) throws IOException {
            this.target = target;
            Thread.ofVirtual().start(this::accept);
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + listener.getLocalPort());
        }

        void freeze() {
            frozen = true;
        }

        /** Forwards again; attempts made while frozen fail now, as they would on a real network. */
        void thaw() throws IOException {
            frozen = false;
            for (Socket s : held) {
                s.close();
            }
        }

        private void accept() {
            try {
                while (true) {
                    Socket client = listener.accept();
                    if (frozen) {
                        held.add(client); // held open, never answered
                        continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(client);
                    sockets.add(upstream);
                    Thread.ofVirtual().start(() -> pump(client, upstream));
                    Thread.ofVirtual().start(() -> pump(upstream, client));
                }
            } catch (IOException e) {
                // closed
            }
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!frozen) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one side closed
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : sockets) {
                s.close();
            }
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
