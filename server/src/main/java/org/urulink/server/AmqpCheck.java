package org.urulink.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MalformedFrameException;
import com.rabbitmq.client.ShutdownSignalException;

/** Checks RabbitMQ with a plain connection (no recovery): the login, the vhost, and the delivery exchange. */
final class AmqpCheck {
    private static final String NAME = "RabbitMQ";
    private static final String EXCHANGE_CHECK = "RabbitMQ exchange";

    private AmqpCheck() {
    }

    static Check connect(URI uri) {
        String shown = BackendChecks.shown(uri);
        try (Connection c = open(uri)) {
            Object version = c.getServerProperties().get("version");
            return Check.passed(NAME, shown + ": logged in as " + user(uri) + " to vhost " + vhost(uri)
                    + (version == null ? "" : " (RabbitMQ " + version + ")"));
        } catch (IOException | TimeoutException | RuntimeException e) {
            return failure(e, uri, shown);
        }
    }

    private static Check failure(Exception e, URI uri, String shown) {
        String user = user(uri);
        String vhost = vhost(uri);
        String where = uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 5672);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationFailureException) {
                return Check.failed(NAME, shown + ": authentication failed for user " + user,
                        "correct the user and password in amqp-url (amqp://USER:PASSWORD@host:5672/vhost), or create "
                                + "the user: rabbitmqctl add_user " + user + " PASSWORD");
            }
            String text = BackendChecks.mask(replyText(t), password(uri));
            if (text.contains("NOT_ALLOWED") && text.contains("not found")) {
                return Check.failed(NAME, shown + ": vhost " + vhost + " does not exist",
                        "create it: rabbitmqctl add_vhost " + vhost + " && rabbitmqctl set_permissions -p " + vhost
                                + " " + user + " '.*' '.*' '.*' — or correct the vhost at the end of amqp-url");
            }
            if (text.contains("NOT_ALLOWED") || text.contains("ACCESS_REFUSED")) {
                return Check.failed(NAME, shown + ": user " + user + " may not use vhost " + vhost + " (" + text + ")",
                        "rabbitmqctl set_permissions -p " + vhost + " " + user + " '.*' '.*' '.*'");
            }
            if (t instanceof MalformedFrameException) {
                return Check.failed(NAME, shown + ": something that is not RabbitMQ answers on " + where,
                        "correct the host and port in amqp-url (RabbitMQ listens on 5672, 5671 for amqps)");
            }
        }
        return Unreachable.of(e, NAME, where, "amqp-url")
                .map(u -> Check.failed(NAME, shown + ": cannot reach " + where + " (" + u.reason() + ")", u.fix()))
                .orElseGet(() -> Check.failed(NAME, shown + ": " + BackendChecks.mask(message(e), password(uri)),
                        "check amqp-url: amqp://USER:PASSWORD@host:5672/vhost"));
    }

    /**
     * Declares the delivery exchange (direct, durable) the way every node does at start, or with
     * {@code declare} false only looks whether it is there.
     */
    static Check exchange(URI uri, boolean declare) {
        String vhost = vhost(uri);
        try (Connection c = open(uri); Channel channel = c.createChannel()) {
            if (declare) {
                channel.exchangeDeclare(RabbitBus.EXCHANGE, BuiltinExchangeType.DIRECT, true);
                return Check.passed(EXCHANGE_CHECK, RabbitBus.EXCHANGE + " (direct, durable) declared in vhost " + vhost);
            }
            channel.exchangeDeclarePassive(RabbitBus.EXCHANGE);
            return Check.passed(EXCHANGE_CHECK, RabbitBus.EXCHANGE + " exists in vhost " + vhost);
        } catch (IOException | TimeoutException | RuntimeException e) {
            String text = "";
            for (Throwable t = e; t != null && text.isEmpty(); t = t.getCause()) {
                text = replyText(t);
            }
            text = BackendChecks.mask(text, password(uri));
            Check failed;
            if (text.startsWith("NOT_FOUND")) {
                failed = Check.failed(EXCHANGE_CHECK, RabbitBus.EXCHANGE + " does not exist in vhost " + vhost,
                        "run urulink setup, which declares it (a starting node declares it too)");
            } else if (text.startsWith("ACCESS_REFUSED")) {
                failed = Check.failed(EXCHANGE_CHECK, "user " + user(uri) + " may not declare " + RabbitBus.EXCHANGE
                        + " in vhost " + vhost, "rabbitmqctl set_permissions -p " + vhost + " " + user(uri)
                        + " '.*' '.*' '.*' (nodes declare their exchange and queues)");
            } else if (text.startsWith("PRECONDITION_FAILED")) {
                failed = Check.failed(EXCHANGE_CHECK, RabbitBus.EXCHANGE + " exists in vhost " + vhost
                        + " but not as a durable direct exchange (" + text + ")",
                        "delete it while no node runs (rabbitmqadmin -V " + vhost + " delete exchange name="
                                + RabbitBus.EXCHANGE + "), then run urulink setup again");
            } else {
                failed = Check.failed(EXCHANGE_CHECK, text.isEmpty() ? BackendChecks.mask(message(e), password(uri)) : text,
                        "check that RabbitMQ at amqp-url is up and the user may use vhost " + vhost);
            }
            return failed;
        }
    }

    private static Connection open(URI uri) throws IOException, TimeoutException {
        ConnectionFactory f;
        try {
            f = AmqpConnections.factory(uri);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable AMQP URL: " + e.getMessage(), e);
        }
        f.setAutomaticRecoveryEnabled(false);
        // A refused or reset connection is reported as a check; the library need not log it as well.
        f.setExceptionHandler(new com.rabbitmq.client.impl.ForgivingExceptionHandler() {
            @Override
            public void handleUnexpectedConnectionDriverException(Connection conn, Throwable exception) {
            }
        });
        int ms = (int) BackendChecks.TIMEOUT.toMillis();
        f.setConnectionTimeout(ms);
        f.setHandshakeTimeout(ms);
        f.setChannelRpcTimeout(ms);
        f.setShutdownTimeout(ms);
        return f.newConnection("urulink setup");
    }

    /** The broker's reply, e.g. {@code NOT_ALLOWED - vhost x not found}; empty when {@code t} is not one. */
    static String replyText(Throwable t) {
        if (t instanceof ShutdownSignalException s) {
            if (s.getReason() instanceof AMQP.Connection.Close c) {
                return c.getReplyText();
            }
            if (s.getReason() instanceof AMQP.Channel.Close c) {
                return c.getReplyText();
            }
        }
        return "";
    }

    private static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    /** The vhost a URL names: its path without the leading "/", percent-decoded ("+" stays); none or "/" is "/". */
    static String vhost(URI uri) {
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "/";
        }
        return path.substring(1);
    }

    static String user(URI uri) {
        String info = uri.getRawUserInfo();
        if (info == null || info.isEmpty()) {
            return "guest";
        }
        int colon = info.indexOf(':');
        return decode(colon < 0 ? info : info.substring(0, colon));
    }

    private static String password(URI uri) {
        String info = uri.getRawUserInfo();
        if (info == null || info.indexOf(':') < 0) {
            return "";
        }
        return decode(info.substring(info.indexOf(':') + 1));
    }

    /** Percent-decodes as the RabbitMQ client does: a "+" is a plus, not a space (a password may hold one). */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
