package org.urulink.server;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.RecoveryDelayHandler;

/** Opens RabbitMQ connections that recover by themselves, backing off from 0.5 s to 30 s between tries. */
final class AmqpConnections {
    private AmqpConnections() {
    }

    /** @param name how the broker lists this connection, e.g. {@code urulink node-a} */
    static Connection open(URI uri, String name) {
        ConnectionFactory f;
        try {
            f = factory(uri);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BackendException("amqp-url " + Backends.redact(uri) + " is not a usable AMQP URL: "
                    + e.getMessage(), e);
        }
        f.setAutomaticRecoveryEnabled(true);
        f.setTopologyRecoveryEnabled(true);
        f.setRecoveryDelayHandler(new RecoveryDelayHandler.ExponentialBackoffDelayHandler(
                java.util.List.of(500L, 1000L, 2000L, 5000L, 10_000L, 30_000L)));
        f.setConnectionTimeout(5_000);
        f.setRequestedHeartbeat(15);
        QuietUntilOpen errors = new QuietUntilOpen();
        f.setExceptionHandler(errors);
        try {
            Connection c = f.newConnection(name);
            errors.open = true;
            return c;
        } catch (IOException | TimeoutException e) {
            throw new BackendException("cannot connect to RabbitMQ at " + Backends.redact(uri) + " (amqp-url): "
                    + why(e) + "; check that RabbitMQ runs there, the user and password, and that the vhost exists", e);
        }
    }

    /**
     * A factory for {@code uri}. A URL that ends in the host, port or a bare "/" means RabbitMQ's default vhost
     * "/", as people write it and as setup reports it; the client library alone would read a bare "/" as the
     * vhost named "" (which cannot exist), and the default vhost is otherwise only reachable as {@code %2F}.
     */
    static ConnectionFactory factory(URI uri) throws GeneralSecurityException {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(uri);
        f.setVirtualHost(AmqpCheck.vhost(uri));
        return f;
    }

    /**
     * The library's default handling, except that a connection's driver errors (a dropped connection, before it
     * recovers) are logged only once it is open: before that, a refused first connection is reported once, by the
     * exception that stops the start.
     */
    private static final class QuietUntilOpen extends com.rabbitmq.client.impl.DefaultExceptionHandler {
        private volatile boolean open;

        @Override
        public void handleUnexpectedConnectionDriverException(Connection conn, Throwable exception) {
            if (open) {
                super.handleUnexpectedConnectionDriverException(conn, exception);
            }
        }
    }

    private static String why(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.rabbitmq.client.AuthenticationFailureException) {
                return "authentication failed";
            }
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            String reply = AmqpCheck.replyText(t);
            if (!reply.isEmpty()) {
                return reply;
            }
            if (t instanceof com.rabbitmq.client.ShutdownSignalException s && s.getReason() != null) {
                return s.getReason().toString();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
