package org.urulink.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * One bench session: a bare WebSocket with none of the client library's reconnecting, re-sending or
 * de-duplicating (the instrument must see exactly what the server sends). It lives on one Netty event loop, which
 * reads it and many others; a send from any thread is queued to that loop and written there, so sends never block
 * the caller and an open-loop scheduler keeps its times even when the socket is slow.
 */
final class BenchSocket extends SimpleChannelInboundHandler<Object> {
    /** Called with each whole text frame and the {@link System#nanoTime()} it arrived at, on a network thread. */
    @FunctionalInterface
    interface Receiver {
        void onFrame(BenchSocket socket, String text, long arrivedNanos);
    }

    private static final System.Logger LOG = System.getLogger(BenchSocket.class.getName());
    /** The largest message the bench accepts from the server (a sync answer can be big). */
    private static final int MAX_MESSAGE = 4 << 20;

    private final int index;
    private final Receiver receiver;
    private final WebSocketClientHandshaker handshaker;
    private final CompletableFuture<BenchSocket> hello = new CompletableFuture<>();
    /** Completes when the connection is gone, whoever ended it. */
    private final CompletableFuture<Void> gone = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile boolean closed;

    private BenchSocket(int index, Receiver receiver, WebSocketClientHandshaker handshaker) {
        this.index = index;
        this.receiver = receiver;
        this.handshaker = handshaker;
    }

    /**
     * Opens a session with a bearer token on {@code loop}, from {@code local} when given; completes when the
     * server's {@code hello} has arrived.
     */
    static CompletableFuture<BenchSocket> open(EventLoop loop, InetAddress local, URI ws, String token, int index,
                                               Receiver receiver, Duration timeout) {
        var headers = new DefaultHttpHeaders().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        // No Origin header (a browser's), masking on as the protocol requires of clients, no forced-close timer.
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(ws, WebSocketVersion.V13,
                null, false, headers, MAX_MESSAGE, true, false, -1, false, false);
        BenchSocket socket = new BenchSocket(index, receiver, handshaker);
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // Frames written while a read is being handled (a throughput sender's next sends, as its
                        // acks arrive) go out in one write when the read ends, not one system call each: the
                        // generator shares the server's cores, and its writes were most of its own CPU time.
                        ch.pipeline().addLast(new FlushConsolidationHandler(256, true), new HttpClientCodec(),
                                new HttpObjectAggregator(64 << 10), socket);
                    }
                });
        InetSocketAddress remote = new InetSocketAddress(ws.getHost(), port(ws));
        ChannelFuture connecting = local == null ? bootstrap.connect(remote)
                : bootstrap.connect(remote, new InetSocketAddress(local, 0));
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                socket.fail(f.cause());
                socket.gone.complete(null);
            }
        });
        // A session that did not open in time is not the run's: its connection goes too, even if it opens later.
        socket.hello.whenComplete((s, err) -> {
            if (err != null) {
                socket.abort();
            }
        });
        return socket.hello.orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    /** The bench speaks plain ws:// only (BenchCommand refuses other servers). */
    private static int port(URI ws) {
        return ws.getPort() > 0 ? ws.getPort() : 80;
    }

    /** Which session of the run this is (the scenario's numbering). */
    int index() {
        return index;
    }

    boolean isOpen() {
        return !closed;
    }

    /** Queues a text frame; frames go out in the order queued. */
    void send(String text) {
        Channel ch = channel;
        if (closed || ch == null) {
            return;
        }
        // Encoded into a pooled buffer on the caller's thread; the loop only masks and writes it.
        ch.writeAndFlush(new TextWebSocketFrame(ByteBufUtil.writeUtf8(ch.alloc(), text)), ch.voidPromise());
    }

    /** Says goodbye with a normal close; the connection ends when the server answers it. */
    void close() {
        Channel ch = channel;
        if (ch != null && !closed) {
            closed = true;
            ch.writeAndFlush(new CloseWebSocketFrame(1000, "bench done"), ch.voidPromise());
        }
    }

    void abort() {
        closed = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        } else {
            gone.complete(null);
        }
    }

    /** Completes when the connection has ended. */
    CompletableFuture<Void> gone() {
        return gone;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        handshaker.handshake(channel).addListener(f -> {
            if (!f.isSuccess()) {
                fail(f.cause());
            }
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        long now = System.nanoTime();
        if (!handshaker.isHandshakeComplete()) {
            upgraded(ctx, (FullHttpResponse) msg);
        } else if (msg instanceof TextWebSocketFrame frame) {
            text(frame.content().toString(StandardCharsets.UTF_8), now);
        } else if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()), ctx.voidPromise());
        } else if (msg instanceof CloseWebSocketFrame close) {
            fail(new IllegalStateException("closed by the server: " + close.statusCode() + " " + close.reasonText()));
            if (closed) {
                ctx.close(); // the answer to our own close
            } else {
                closed = true;
                // Answered with the same code, as the protocol asks, then the connection ends.
                ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(f -> ctx.close());
            }
        }
    }

    private void upgraded(ChannelHandlerContext ctx, FullHttpResponse response) {
        try {
            handshaker.finishHandshake(ctx.channel(), response);
        } catch (WebSocketClientHandshakeException e) {
            fail(new IllegalStateException("the server refused the session: " + response.status()));
            ctx.close();
            return;
        }
        // A frame the server sends in fragments reaches the scenario whole.
        ctx.pipeline().addBefore(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(MAX_MESSAGE));
    }

    private void text(String text, long now) {
        if (!hello.isDone()) {
            if ("hello".equals(BenchFrames.type(text))) {
                hello.complete(this);
            }
            return;
        }
        try {
            receiver.onFrame(this, text, now);
        } catch (RuntimeException e) {
            // The scenario's bug, not the server's: say so instead of letting it pass as lost messages.
            LOG.log(System.Logger.Level.ERROR, "handling a frame failed: " + text, e);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        fail(new IllegalStateException("the server closed the connection"));
        gone.complete(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closed = true;
        fail(cause);
        ctx.close();
    }

    private void fail(Throwable cause) {
        hello.completeExceptionally(cause);
    }
}
