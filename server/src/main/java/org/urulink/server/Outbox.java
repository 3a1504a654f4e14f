package org.urulink.server;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A session's outgoing frames. Producers never block: they queue and, when no drain is running, start one on
 * the executor; one drain at a time writes to the socket, so frames leave in the order they were queued and a
 * slow reader holds up only itself. Past {@code limit} queued frames the session is marked behind: further
 * frames are dropped and, once the queue empties, {@code onOverflow} tells the client to sync. Closing goes
 * through the same queue, so a close frame never interleaves with a frame being written.
 */
final class Outbox {
    /** Marks where the socket is to be closed; nothing queued after it is written. */
    record Close(int code, String reason) {
    }

    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closeWritten = new CompletableFuture<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    /** Frames handed to the socket so far: how a waiting reader tells a slow client from one that reads nothing. */
    private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    /** The thread draining now, if any. */
    private volatile Thread drainer;
    private final int limit;
    private final Executor executor;
    private final Consumer<String> writer;
    private final Consumer<Close> closer;
    private final Runnable onOverflow;

    Outbox(int limit, Executor executor, Consumer<String> writer, Consumer<Close> closer, Runnable onOverflow) {
        this.limit = limit;
        this.executor = executor;
        this.writer = writer;
        this.closer = closer;
        this.onOverflow = onOverflow;
    }

    /** Queues a frame; false when it was dropped because the session is too far behind. */
    boolean offer(String json) {
        if (overflowed.get()) {
            return false;
        }
        if (size.incrementAndGet() > limit) {
            size.decrementAndGet();
            overflowed.set(true);
            schedule();
            return false;
        }
        queue.add(json);
        schedule();
        return true;
    }

    /** Queues a frame even past the limit: for the few control frames a session must get. */
    void offerControl(String json) {
        size.incrementAndGet();
        queue.add(json);
        schedule();
    }

    /**
     * Closes the socket after the frames queued so far; later frames are dropped. The future completes once the
     * close frame has been handed to the socket (at once if an earlier close already was).
     */
    CompletableFuture<Void> close(int code, String reason) {
        queue.add(new Close(code, reason));
        schedule();
        return closeWritten;
    }

    int size() {
        return size.get();
    }

    long written() {
        return written.get();
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /**
     * Interrupts a write in progress, which closes the socket under it (socket I/O on a virtual thread ends that
     * way): for a client that has read nothing for so long that its writer must be freed.
     */
    void abort() {
        Thread t = drainer;
        if (t != null) {
            t.interrupt();
        }
    }

    private void drain() {
        drainer = Thread.currentThread();
        try {
            Object next;
            while ((next = queue.poll()) != null) {
                if (next instanceof Close c) {
                    if (closed.compareAndSet(false, true)) {
                        try {
                            closer.accept(c);
                        } finally {
                            closeWritten.complete(null);
                        }
                    }
                } else {
                    size.decrementAndGet();
                    if (!closed.get()) {
                        writer.accept((String) next);
                        written.incrementAndGet();
                    }
                }
            }
            if (!closed.get() && overflowed.compareAndSet(true, false)) {
                onOverflow.run();
            }
        } finally {
            drainer = null;
            draining.set(false);
        }
        // A producer may have queued after the last poll but before draining was cleared.
        if (!queue.isEmpty()) {
            schedule();
        }
    }
}
