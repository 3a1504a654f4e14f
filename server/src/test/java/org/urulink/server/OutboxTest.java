package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class OutboxTest {

    @Test
    void framesLeaveInTheOrderTheyWereQueued() throws Exception {
        List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            Outbox box = new Outbox(100_000, ex, written::add, c -> { }, () -> { });
            for (int i = 0; i < 10_000; i++) {
                box.offer("f" + i);
            }
            waitFor(() -> written.size() == 10_000);
        }
        for (int i = 0; i < 10_000; i++) {
            assertEquals("f" + i, written.get(i));
        }
    }

    @Test
    void aReaderTooFarBehindIsToldToSyncOnceItCatchesUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger syncs = new AtomicInteger();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            Outbox[] box = new Outbox[1];
            box[0] = new Outbox(3, ex, s -> {
                await(release);
                out.add(s);
            }, c -> { }, () -> {
                syncs.incrementAndGet();
                box[0].offerControl("sync_required");
            });
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                accepted += box[0].offer("m" + i) ? 1 : 0;
            }
            assertTrue(accepted <= 4, "accepted " + accepted);
            release.countDown();
            waitFor(() -> out.contains("sync_required"));
        }
        assertEquals(1, syncs.get());
        assertEquals("sync_required", out.getLast());
    }

    @Test
    void nothingIsWrittenAfterClose() throws Exception {
        List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Outbox.Close> closes = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            Outbox box = new Outbox(100, ex, written::add, closes::add, () -> { });
            box.offer("before");
            box.close(4001, "expired");
            box.offer("after");
            waitFor(() -> closes.size() == 1);
            Thread.sleep(50);
        }
        assertEquals(List.of("before"), written);
        assertEquals(4001, closes.getFirst().code());
        assertFalse(written.contains("after"));
    }

    @Test
    void closeCompletesOnlyOnceTheCloseFrameIsWrittenAfterEarlierFrames() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Object> out = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            Outbox box = new Outbox(100, ex, s -> {
                await(release);
                out.add(s);
            }, out::add, () -> { });
            box.offer("slow frame");
            var closed = box.close(1001, "server shutting down");
            Thread.sleep(100);
            assertFalse(closed.isDone(), "the close frame waits behind the frame being written");
            release.countDown();
            closed.get(5, TimeUnit.SECONDS);
            assertEquals(List.of("slow frame", new Outbox.Close(1001, "server shutting down")), out);
            assertTrue(box.close(1000, "again").isDone(), "a second close finds the session already closed");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
