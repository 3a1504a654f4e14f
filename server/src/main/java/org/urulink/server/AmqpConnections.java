package org.urulink.server;

import java.net.URI;

import com.rabbitmq.client.Connection;

/** Opens RabbitMQ connections that recover by themselves. */
final class AmqpConnections {
    private AmqpConnections() {
    }

    static Connection open(URI uri) {
        throw new ConfigException("RabbitMQ (amqp-url) is not supported by this build yet");
    }
}
