package org.urulink.server;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** The server's parts, built once by {@link ChatServer} and handed to the HTTP and WebSocket handlers. */
record Services(ServerConfig config,
                Store store,
                Accounts accounts,
                Directory directory,
                Conversations conversations,
                Messaging messaging,
                BlobStore blobs,
                SharedFiles files,
                PresenceEvents presence,
                LocalSessions sessions,
                WsTickets tickets,
                Metrics metrics,
                LoginThrottle throttle,
                LoginSignals logins,
                Backplane backplane,
                Clock clock,
                ScheduledExecutorService timer,
                ExecutorService writers) {
}
