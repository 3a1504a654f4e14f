package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.urulink.protocol.Frame;

class PendingSendsTest {
    private static Frame.Send send(String clientId) {
        return new Frame.Send(clientId, null, "bob", "hi " + clientId, null);
    }

    @Test
    void unackedSendsAreResentOldestFirst() {
        PendingSends p = new PendingSends();
        p.add(send("a"));
        p.add(send("b"));
        assertEquals(List.of(send("a"), send("b")), p.frames());
    }

    @Test
    void ackCompletesAndRemovesTheSend() throws Exception {
        PendingSends p = new PendingSends();
        CompletableFuture<Frame.Ack> f = p.add(send("a"));
        Frame.Ack ack = new Frame.Ack("a", "m", "c", 1, 0);
        p.acked(ack);
        assertSame(ack, f.get());
        assertEquals(0, p.size());
    }

    @Test
    void theSameClientIdQueuedTwiceIsOneSend() {
        PendingSends p = new PendingSends();
        assertSame(p.add(send("a")), p.add(send("a")));
        assertEquals(1, p.size());
    }

    @Test
    void anErrorAboutASendFailsItWithTheCode() {
        PendingSends p = new PendingSends();
        CompletableFuture<Frame.Ack> f = p.add(send("a"));
        p.refused(new Frame.Error("too_large", "message over 16 KiB", "a"));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, f::get);
        ApiException api = (ApiException) e.getCause();
        assertEquals("too_large", api.code());
        assertEquals(413, api.status());
        assertEquals(0, p.size());
    }

    @Test
    void anErrorAboutSomethingElseLeavesSendsAlone() {
        PendingSends p = new PendingSends();
        CompletableFuture<Frame.Ack> f = p.add(send("a"));
        p.refused(new Frame.Error("bad_json", "x", null));
        assertTrue(!f.isDone());
        assertEquals(1, p.size());
    }
}
