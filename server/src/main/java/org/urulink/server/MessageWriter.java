package org.urulink.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.urulink.protocol.ErrorCode;
import org.urulink.protocol.TimeOrderedIds;

/**
 * Group commit: one thread takes every waiting append and writes them all in one transaction, so a burst of N
 * messages costs one commit, not N. When one append fails, the batch is written again with a savepoint per append,
 * so that one fails alone. A second thread makes each committed batch durable ({@link Durability}: on SQLite it
 * syncs the log while the first writes the next batch), hands it to delivery and then completes its senders'
 * futures, in commit order: storing and syncing and fanning out overlap.
 */
final class MessageWriter implements AutoCloseable {
    static final String MESSAGE_COLS = "m.id, m.conversation_id, m.seq, m.sender_id, u.username, m.client_id, m.body, m.sent_at, "
            + "m.receiver_online, m.attachments";
    private static final System.Logger LOG = System.getLogger(MessageWriter.class.getName());
    private static final int MAX_BATCH = 512;
    /** The fast path, then the slow path up to three times. */
    private static final int ATTEMPTS = 4;

    /**
     * {@code messageId} is chosen once, before the first attempt: when a commit fails after the database made it
     * durable (the connection lost while it answered), the next attempt finds the rows under their own ids and
     * takes them as this batch's, not as earlier duplicates that need no delivery.
     */
    private record Request(NewMessage message, CompletableFuture<Appended> done, String messageId) {
    }

    private record Outcome(Request request, Appended appended, RuntimeException failure) {
    }

    private final Sql sql;
    private final AppendListener listener;
    private final Durability durability;
    /** Batches committed so far, counted by the writer thread. */
    private final AtomicLong committed = new AtomicLong();
    /** Batches known to be on disk; the delivery thread's alone. */
    private long durable;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread thread;
    /**
     * One thread, so batches reach delivery in commit order. At most 64 batches wait: past that the writer waits
     * too, so a slow fan-out slows storing instead of filling the heap.
     */
    private final java.util.concurrent.ThreadPoolExecutor handOff = new java.util.concurrent.ThreadPoolExecutor(1, 1,
            0, TimeUnit.MILLISECONDS, new java.util.concurrent.ArrayBlockingQueue<>(64),
            Thread.ofPlatform().name("urulink-message-delivery").daemon().factory(), MessageWriter::waitForRoom);
    private volatile boolean running = true;
    /** The writer thread's connection and statements, kept between batches; null after a failure. */
    private AppendStatements statements;

    MessageWriter(Sql sql, AppendListener listener, Durability durability) {
        this.sql = sql;
        this.listener = listener;
        this.durability = durability;
        this.thread = Thread.ofPlatform().name("urulink-message-writer").daemon().start(this::loop);
    }

    CompletableFuture<Appended> append(NewMessage message) {
        CompletableFuture<Appended> done = new CompletableFuture<>();
        if (!running || !queue.offer(new Request(message, done, TimeOrderedIds.next()))) {
            done.completeExceptionally(new ChatException(ErrorCode.UNAVAILABLE, "the server is too busy to store messages"));
        }
        return done;
    }

    private void loop() {
        List<Request> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Request first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
        if (statements != null) {
            // Not back into the pool: the connection was set up for the writer alone.
            sql.evict(statements.connection());
        }
    }

    private void commit(List<Request> batch) {
        List<Outcome> outcomes = null;
        for (int attempt = 1; outcomes == null; attempt++) {
            try {
                // One bad append (a repeated client id, a conversation gone) spoils the whole batch: then it is
                // written again with a savepoint per append, so that append fails alone. Savepoints cost two
                // statements per message, so only this slow path pays for them. Later attempts also get over
                // connections the database dropped (a restart ends every one the pool holds).
                outcomes = attempt == 1 ? transaction(s -> writeAll(s, batch)) : transaction(s -> writeEachAlone(s, batch));
            } catch (SQLException | RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    LOG.log(Level.ERROR, "storing " + batch.size() + " messages failed", e);
                    List<Outcome> failed = notStored(batch);
                    handOff.execute(() -> deliver(failed));
                    return;
                }
            }
        }
        List<Outcome> stored = outcomes;
        long number = committed.incrementAndGet();
        handOff.execute(() -> deliverDurable(number, stored));
    }

    @FunctionalInterface
    private interface Work {
        List<Outcome> run(AppendStatements s) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on the writer's kept connection, which is opened when missing and
     * dropped after any failure (it may be the connection that broke).
     */
    private List<Outcome> transaction(Work work) throws SQLException {
        if (statements == null) {
            Connection fresh = sql.connection();
            try {
                durability.prepareWriter(fresh);
            } catch (SQLException | RuntimeException e) {
                sql.evict(fresh);
                throw e;
            }
            statements = new AppendStatements(fresh);
        }
        Connection c = statements.connection();
        try {
            c.setAutoCommit(false);
            List<Outcome> outcomes = work.run(statements);
            Sql.commit(c);
            return outcomes;
        } catch (SQLException | RuntimeException e) {
            // Out of the pool, not back into it: the connection may be broken, or half-way between transactions.
            sql.evict(c);
            statements = null;
            throw e;
        }
    }

    /** A full hand-off queue makes the writer wait for room, keeping the batches in order. */
    private static void waitForRoom(Runnable batch, java.util.concurrent.ThreadPoolExecutor pool) {
        if (pool.isShutdown()) {
            throw new java.util.concurrent.RejectedExecutionException("the message writer is closed");
        }
        try {
            pool.getQueue().put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.RejectedExecutionException("interrupted", e);
        }
    }

    /**
     * Makes the batch durable, then delivers it. One sync covers every batch committed before it began, so the
     * batches that queued up meanwhile need none of their own. A failed sync fails the batch's senders (they send
     * again, and a message that did get stored is found by its client id) and delivers nothing of it.
     */
    private void deliverDurable(long number, List<Outcome> outcomes) {
        if (number > durable) {
            long upTo = committed.get();
            try {
                durability.sync();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "syncing stored messages to disk failed", e);
                deliver(notStored(outcomes.stream().map(Outcome::request).toList()));
                return;
            }
            durable = upTo;
        }
        deliver(outcomes);
    }

    /** Every request of a batch failed, for its senders to send again. */
    private static List<Outcome> notStored(List<Request> requests) {
        return requests.stream().map(r -> new Outcome(r, null, notStored())).toList();
    }

    private static ChatException notStored() {
        return new ChatException(ErrorCode.UNAVAILABLE, "the message could not be stored; send it again");
    }

    /** Hands the stored messages to delivery, then answers their senders. */
    private void deliver(List<Outcome> outcomes) {
        List<Appended> fresh = outcomes.stream().filter(o -> o.appended() != null && !o.appended().duplicate())
                .map(Outcome::appended).toList();
        try {
            if (!fresh.isEmpty()) {
                listener.committed(fresh);
            }
        } catch (RuntimeException e) {
            // Stored is stored: a failed hand-off only delays delivery until the recipients sync.
            LOG.log(Level.WARNING, "handing stored messages to delivery failed", e);
        }
        for (Outcome o : outcomes) {
            if (o.failure() != null) {
                o.request().done().completeExceptionally(o.failure());
            } else {
                o.request().done().complete(o.appended());
            }
        }
    }

    /**
     * Appends take their conversations' row locks until the commit. Taking them in one order (by id; stable, so
     * each conversation keeps its arrival order) means two nodes' batches wait for each other, never deadlock.
     */
    private static List<Request> inLockOrder(List<Request> batch) {
        List<Request> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparing(r -> r.message().conversationId()));
        return ordered;
    }

    /**
     * The fast path: every append of the batch, no savepoints; the first failure aborts it all. Each conversation's
     * seqs are taken in one step (one {@code UPDATE} for all its messages in the batch, not one each), and the rows
     * go in as one JDBC batch: on PostgreSQL that is two round trips per conversation instead of two per message.
     */
    private static List<Outcome> writeAll(AppendStatements s, List<Request> batch) throws SQLException {
        Map<String, List<String>> members = new HashMap<>();
        Map<String, List<Request>> byConversation = new LinkedHashMap<>();
        for (Request r : inLockOrder(batch)) {
            byConversation.computeIfAbsent(r.message().conversationId(), id -> new ArrayList<>()).add(r);
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (var entry : byConversation.entrySet()) {
            List<Request> requests = entry.getValue();
            long newest = requests.stream().mapToLong(r -> r.message().sentAt()).max().orElseThrow();
            long last = s.takeSeqs(entry.getKey(), requests.size(), newest)
                    .orElseThrow(() -> ChatException.notFound("conversation"));
            long seq = last - requests.size();
            for (Request r : requests) {
                StoredMessage stored = stored(r, ++seq);
                s.addInsert(stored, AttachmentsJson.write(r.message().attachments()));
                shareAttachments(s, r.message());
                outcomes.add(new Outcome(r, new Appended(stored, members(s, r.message(), members), false), null));
            }
        }
        s.executeInserts();
        readToOwnLast(s, outcomes);
        return outcomes;
    }

    /**
     * Moves each sender's read position to their last message of the batch (see {@link AppendStatements#readTo}).
     * After the inserts, which it looks at; in the outcomes' order, so members rows are taken in the
     * conversations' lock order.
     */
    private static void readToOwnLast(AppendStatements s, List<Outcome> outcomes) throws SQLException {
        Map<List<String>, Long> last = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            StoredMessage m = o.appended().message();
            last.put(List.of(m.conversationId(), m.senderId()), m.seq());
        }
        for (var e : last.entrySet()) {
            s.readTo(e.getKey().get(0), e.getKey().get(1), e.getValue());
        }
    }

    private static List<Outcome> writeEachAlone(AppendStatements s, List<Request> batch) throws SQLException {
        Map<String, List<String>> members = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Request r : inLockOrder(batch)) {
            outcomes.add(writeAlone(s, r, members));
        }
        return outcomes;
    }

    /** Writes one append under its own savepoint, so that it fails alone. */
    private static Outcome writeAlone(AppendStatements s, Request r, Map<String, List<String>> members)
            throws SQLException {
        Connection c = s.connection();
        var savepoint = c.setSavepoint();
        try {
            Appended appended = writeOne(s, r, members);
            c.releaseSavepoint(savepoint);
            return new Outcome(r, appended, null);
        } catch (SQLException | RuntimeException e) {
            c.rollback(savepoint);
            if (e instanceof SQLException x && StoreException.isUniqueViolation(x)) {
                // The same (sender, client_id) was stored before: earlier in this batch, by an earlier batch, or by
                // another node (whose commit is what ended our wait on the key, so its row is visible now).
                Optional<StoredMessage> earlier = earlier(c, r.message());
                if (earlier.isPresent()) {
                    boolean ours = earlier.get().id().equals(r.messageId());
                    return new Outcome(r, new Appended(earlier.get(), members(s, r.message(), members), !ours), null);
                }
            }
            RuntimeException failure = e instanceof RuntimeException re ? re
                    : notStored();
            return new Outcome(r, null, failure);
        }
    }

    /**
     * Stores one message. A repeated {@code (sender, client_id)} is not looked for first: it is rare (a client
     * resending after a lost ack), and the unique key refuses it, which {@link #writeAlone} answers with the
     * earlier message. That saves a query per message.
     */
    private static Appended writeOne(AppendStatements s, Request r, Map<String, List<String>> members)
            throws SQLException {
        NewMessage m = r.message();
        List<String> to = members(s, m, members);
        long seq = s.takeSeqs(m.conversationId(), 1, m.sentAt()).orElseThrow(() -> ChatException.notFound("conversation"));
        StoredMessage stored = stored(r, seq);
        s.insert(stored, AttachmentsJson.write(m.attachments()));
        shareAttachments(s, m);
        s.readTo(m.conversationId(), m.senderId(), seq);
        return new Appended(stored, to, false);
    }

    private static StoredMessage stored(Request r, long seq) {
        NewMessage m = r.message();
        return new StoredMessage(r.messageId(), m.conversationId(), seq, m.senderId(), m.senderUsername(),
                m.clientId(), m.body(), m.sentAt(), m.receiverOnline(), m.attachments());
    }

    private static void shareAttachments(AppendStatements s, NewMessage m) throws SQLException {
        for (var a : m.attachments()) {
            Sql.update(s.connection(), "INSERT INTO file_shares (file_id, conversation_id, shared_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (file_id, conversation_id) DO NOTHING", a.fileId(), m.conversationId(), m.sentAt());
        }
    }

    /**
     * Whom the message goes to: the members the sender already knew (a direct conversation's never change), or
     * else the members as of this batch, read once per conversation.
     */
    private static List<String> members(AppendStatements s, NewMessage m, Map<String, List<String>> batchMembers)
            throws SQLException {
        if (m.knownMembers() != null) {
            return m.knownMembers();
        }
        List<String> known = batchMembers.get(m.conversationId());
        if (known == null) {
            known = s.members(m.conversationId());
            batchMembers.put(m.conversationId(), known);
        }
        return known;
    }

    private static Optional<StoredMessage> earlier(Connection c, NewMessage m) throws SQLException {
        return Sql.one(c, "SELECT " + MESSAGE_COLS + " FROM messages m JOIN users u ON u.id = m.sender_id "
                + "WHERE m.sender_id = ? AND m.client_id = ?", MessageWriter::message, m.senderId(), m.clientId());
    }

    static StoredMessage message(ResultSet rs) throws SQLException {
        return new StoredMessage(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getLong(8), rs.getObject(9) == null ? null : rs.getInt(9) != 0,
                AttachmentsJson.read(rs.getString(10)));
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
            handOff.shutdown();
            if (handOff.awaitTermination(10, TimeUnit.SECONDS)) {
                durability.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
