package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.protocol.ErrorCode;

/**
 * The embedded store's message commits return before the disk has them ({@link WalSync}); a message must still be
 * neither delivered nor acknowledged until its log is synced.
 */
class WalSyncTest {
    @TempDir
    Path dir;

    private HikariDataSource ds;
    private JdbcStore store;
    private final List<Appended> delivered = new CopyOnWriteArrayList<>();
    private final CountDownLatch diskDone = new CountDownLatch(1);
    private final AtomicInteger syncs = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private String conversation;
    private User alice;

    @BeforeEach
    void open() {
        ds = SqliteDatabase.open(dir);
        WalSync log = new WalSync(SqliteDatabase.file(dir));
        // The real sync, held back until the test lets the disk finish, or failing as a disk would.
        Durability slowDisk = new Durability() {
            @Override
            public void prepareWriter(Connection c) throws SQLException {
                log.prepareWriter(c);
            }

            @Override
            public void sync() throws IOException {
                await(diskDone);
                syncs.incrementAndGet();
                if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new IOException("Input/output error");
                }
                log.sync();
            }
        };
        store = new JdbcStore(ds, slowDisk, delivered::addAll, ds);
        alice = StoreFixture.user(store, "alice");
        conversation = store.directConversation(alice.id(), StoreFixture.user(store, "bob").id(), 10).id();
    }

    @AfterEach
    void close() {
        diskDone.countDown();
        store.close();
    }

    @Test
    void aMessageIsNeitherDeliveredNorAcknowledgedBeforeItsLogIsOnDisk() throws Exception {
        CompletableFuture<Appended> sent = store.append(StoreFixture.text(conversation, alice, "c1"));
        // Committed (other readers see it) while the sync is still held back.
        waitUntilStored("c1");
        Thread.sleep(200);
        assertFalse(sent.isDone(), "acknowledged before the disk had it");
        assertTrue(delivered.isEmpty(), "delivered before the disk had it");

        diskDone.countDown();
        assertEquals(1, sent.get(10, TimeUnit.SECONDS).message().seq());
        assertEquals(List.of("c1"), delivered.stream().map(a -> a.message().clientId()).toList());
        assertTrue(syncs.get() >= 1);
    }

    @Test
    void aFailedSyncFailsTheSendAndDeliversNothingAndTheResendIsStoredOnce() {
        diskDone.countDown();
        failuresLeft.set(1);
        var failure = assertThrows(CompletionException.class,
                () -> store.append(StoreFixture.text(conversation, alice, "c1")).join());
        ChatException e = assertInstanceOf(ChatException.class, failure.getCause());
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(delivered.isEmpty());

        // The client sends it again under the same client id: the row that did get written is the answer.
        Appended again = store.append(StoreFixture.text(conversation, alice, "c1")).join();
        assertEquals(1, again.message().seq());
        assertEquals(List.of(1L), StoreFixture.seqs(store.messages(conversation, null, null, 10)));
    }

    private void waitUntilStored(String clientId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.messages(conversation, null, null, 10).stream().noneMatch(m -> m.clientId().equals(clientId))) {
            assertTrue(System.nanoTime() < deadline, clientId + " was never stored");
            Thread.sleep(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
