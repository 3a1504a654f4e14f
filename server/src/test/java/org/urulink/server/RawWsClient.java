package org.urulink.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client on a bare socket that writes frames and never reads what it is sent: what a broken or hostile
 * client does. Writes are non-blocking, so a test sees when the server stops taking them.
 */
final class RawWsClient implements AutoCloseable {
    private final SocketChannel channel;

    private RawWsClient(SocketChannel channel) {
        this.channel = channel;
    }

    /** Opens {@code /ws} with the token and reads the upgrade's answer, nothing after it. */
    static RawWsClient open(TestServer server, String token) throws IOException {
        return open(server, "/ws", "Bearer " + token);
    }

    /** Opens {@code pathAndQuery} with that {@code Authorization} header. */
    static RawWsClient open(TestServer server, String pathAndQuery, String authorization) throws IOException {
        var uri = server.wsUri(pathAndQuery);
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
        String key = Base64.getEncoder().encodeToString("urulink-raw-test".getBytes(StandardCharsets.US_ASCII));
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\nAuthorization: " + authorization + "\r\n\r\n";
        ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        StringBuilder head = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!head.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (ch.read(one) < 0) {
                throw new IOException("closed during the upgrade: " + head);
            }
            head.append((char) one.get(0));
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        ch.configureBlocking(false);
        return new RawWsClient(ch);
    }

    /**
     * Writes masked text frames of {@code text} until {@code max} were written or the server stopped taking bytes
     * for {@code stallMillis}; returns how many whole frames went out.
     */
    int writeUntilStalled(String text, int max, long stallMillis) throws IOException, InterruptedException {
        ByteBuffer frame = maskedTextFrame(text);
        for (int n = 0; n < max; n++) {
            frame.rewind();
            long lastProgress = System.nanoTime();
            while (frame.hasRemaining()) {
                if (channel.write(frame) > 0) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stallMillis * 1_000_000) {
                    return n;
                } else {
                    Thread.sleep(1);
                }
            }
        }
        return max;
    }

    /**
     * Reads the text frames the server sent, until a close frame, the end of the stream, or {@code quietMillis}
     * without a byte; the last element is "close &lt;code&gt;" when a close frame came.
     */
    java.util.List<String> readAll(long quietMillis) throws IOException, InterruptedException {
        var in = new java.io.ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long last = System.nanoTime();
        while (System.nanoTime() - last < quietMillis * 1_000_000) {
            buf.clear();
            int n = channel.read(buf);
            if (n < 0) {
                break;
            }
            if (n > 0) {
                in.write(buf.array(), 0, n);
                last = System.nanoTime();
            } else {
                Thread.sleep(5);
            }
        }
        return frames(ByteBuffer.wrap(in.toByteArray()));
    }

    private static java.util.List<String> frames(ByteBuffer b) {
        var out = new java.util.ArrayList<String>();
        while (b.remaining() >= 2) {
            int op = b.get() & 0x0f;
            long len = b.get() & 0x7f;
            if (len == 126) {
                len = b.getShort() & 0xffff;
            } else if (len == 127) {
                len = b.getLong();
            }
            byte[] payload = new byte[(int) len];
            b.get(payload);
            if (op == 8) {
                out.add("close " + (payload.length >= 2 ? ((payload[0] & 0xff) << 8 | payload[1] & 0xff) : 1005));
                break;
            }
            out.add(new String(payload, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static ByteBuffer maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(payload.length + 14);
        b.put((byte) 0x81);
        if (payload.length < 126) {
            b.put((byte) (0x80 | payload.length));
        } else {
            b.put((byte) (0x80 | 126)).putShort((short) payload.length);
        }
        byte[] mask = {1, 2, 3, 4};
        b.put(mask);
        for (int i = 0; i < payload.length; i++) {
            b.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return b.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
