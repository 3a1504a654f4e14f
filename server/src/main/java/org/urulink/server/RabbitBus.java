package org.urulink.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import org.urulink.protocol.Frame;

/**
 * Delivery between nodes over RabbitMQ. Each node consumes its own durable queue, bound to one direct
 * exchange with the node id as routing key, so a frame goes exactly to the nodes holding its recipients
 * (found in {@link RedisPresence}) — never to a queue shared by competing consumers. Messages are published
 * persistent with publisher confirms; the consumer acks only after handing the frame to local sessions.
 * The store stays the truth: when the broker is away, sends are still stored and acked, and when it returns
 * every local session is told to {@code sync}, which fills any gap.
 */
final class RabbitBus implements Bus {
    static final String EXCHANGE = "urulink.delivery";
    static final int PREFETCH = 256;
    /** A frame older than this is useless: its sessions have resynced or gone. */
    static final int MESSAGE_TTL_MS = 60_000;
    /** A dead node's queue goes away after this long unused. */
    static final int QUEUE_EXPIRES_MS = 10 * 60_000;
    private static final System.Logger LOG = System.getLogger(RabbitBus.class.getName());

    private final RedisPresence presence;
    private final LocalSessions sessions;
    private final Metrics metrics;
    private final Object publishLock = new Object();
    /** Users on other nodes who missed frames because publishing failed; told to sync once the broker is back. */
    private final java.util.concurrent.ConcurrentHashMap<String, Set<String>> missed =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Channel publisher;
    private final Channel consumer;

    RabbitBus(Connection connection, RedisPresence presence, LocalSessions sessions, Metrics metrics) {
        this.presence = presence;
        this.sessions = sessions;
        this.metrics = metrics;
        try {
            this.publisher = connection.createChannel();
            this.consumer = connection.createChannel();
            declare();
            consume();
        } catch (IOException e) {
            throw new BackendException("cannot set up delivery on RabbitMQ (amqp-url): " + e.getMessage()
                    + "; check that the user may declare exchanges and queues in the vhost", e);
        }
        ((Recoverable) connection).addRecoveryListener(new Resync());
    }

    static String queue(String node) {
        return "urulink.node." + node;
    }

    private void declare() throws IOException {
        publisher.exchangeDeclare(EXCHANGE, BuiltinExchangeType.DIRECT, true);
        String queue = queue(presence.node());
        publisher.queueDeclare(queue, true, false, false,
                Map.of("x-message-ttl", MESSAGE_TTL_MS, "x-expires", QUEUE_EXPIRES_MS));
        publisher.queueBind(queue, EXCHANGE, presence.node());
        publisher.confirmSelect();
        publisher.addConfirmListener((tag, multiple) -> { }, (tag, multiple) -> {
            metrics.error("bus_nack");
            LOG.log(Level.WARNING, "RabbitMQ refused a frame; its recipients will catch up with sync");
        });
    }

    private void consume() throws IOException {
        consumer.basicQos(PREFETCH);
        consumer.basicConsume(queue(presence.node()), false, new DefaultConsumer(consumer) {
            @Override
            public void handleDelivery(String tag, Envelope delivery, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                received(delivery.getDeliveryTag(), body);
            }
        });
    }

    private void received(long tag, byte[] body) throws IOException {
        try {
            switch (EnvelopeCodec.decode(body)) {
                case EnvelopeCodec.Resync r -> sessions.resync(r.users());
                case EnvelopeCodec.Deliver d -> sessions.deliver(d.envelope());
            }
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "dropped a frame from the bus that is not an envelope: " + e.getMessage());
            consumer.basicReject(tag, false);
            return;
        }
        consumer.basicAck(tag, false);
    }

    @Override
    public void publish(org.urulink.server.Envelope envelope) {
        Map<String, Set<String>> byNode;
        try {
            byNode = presence.nodesOf(envelope.recipients());
        } catch (java.util.concurrent.CancellationException e) {
            return; // the server is stopping
        } catch (RuntimeException e) {
            // Without Redis we cannot tell where anyone is: this node's sessions still get it, others sync later.
            LOG.log(Level.WARNING, "Redis did not say where the recipients are; delivering on this node only", e);
            sessions.deliver(envelope);
            return;
        }
        byNode.forEach((node, users) -> {
            if (node.equals(presence.node())) {
                sessions.deliver(new org.urulink.server.Envelope(users, envelope.frame(), envelope.exceptSession()));
            } else {
                if (!send(node, EnvelopeCodec.encode(users, envelope), envelope.frame() instanceof Frame.Message)) {
                    missed.computeIfAbsent(node, k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).addAll(users);
                }
            }
        });
    }

    /** False when the broker did not take it. */
    private boolean send(String node, byte[] body, boolean persistent) {
        AMQP.BasicProperties props = persistent ? PERSISTENT : TRANSIENT;
        try {
            synchronized (publishLock) {
                publisher.basicPublish(EXCHANGE, node, props, body);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            // Broker away: the frame is stored; its recipients are told to sync when the broker returns.
            metrics.error("bus_unavailable");
            LOG.log(Level.DEBUG, "publishing to node " + node + " failed", e);
            return false;
        }
    }

    /** Tells every user who missed a frame from this node to sync, wherever they are now. */
    private void resyncMissed() {
        for (String node : Set.copyOf(missed.keySet())) {
            Set<String> users = missed.remove(node);
            if (users != null && !send(node, EnvelopeCodec.encodeResync(users), true)) {
                missed.computeIfAbsent(node, k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).addAll(users);
            }
        }
    }

    private static final AMQP.BasicProperties PERSISTENT = new AMQP.BasicProperties.Builder()
            .contentType("application/json").deliveryMode(2).build();
    private static final AMQP.BasicProperties TRANSIENT = new AMQP.BasicProperties.Builder()
            .contentType("application/json").deliveryMode(1).build();

    @Override
    public boolean healthy() {
        return publisher.isOpen() && consumer.isOpen();
    }

    @Override
    public void close() {
        try {
            consumer.close();
            publisher.close();
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing bus channels failed", e);
        }
    }

    /** After the broker comes back, frames sent meanwhile may be missing: every local session resyncs. */
    private final class Resync implements RecoveryListener {
        @Override
        public void handleRecovery(Recoverable recoverable) {
            // This node's queue may have lost frames (a broker restart drops transient ones), and other nodes
            // may have missed ours: both sides sync.
            LOG.log(Level.INFO, "RabbitMQ is back; telling sessions that may have missed frames to sync");
            sessions.resyncAll();
            resyncMissed();
        }

        @Override
        public void handleRecoveryStarted(Recoverable recoverable) {
            LOG.log(Level.WARNING, "lost RabbitMQ; sends are still stored, and clients will sync when it returns");
        }
    }
}
