package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.urulink.protocol.Attachment;

/** Messages and files as every store must keep them, on SQLite and on PostgreSQL. */
abstract class MessageStoreContract extends StoreFixture {
    @Test
    void messagesGetConsecutiveSeqsAndHistoryPagesByThem() {
        String conv = store.directConversation(alice.id(), bob.id(), 10).id();
        for (int i = 1; i <= 5; i++) {
            assertEquals(i, store.append(text(conv, i % 2 == 0 ? bob : alice, "m" + i)).join().message().seq());
        }
        assertEquals(List.of(3L, 4L), seqs(store.messages(conv, null, 2L, 2)));
        assertEquals(List.of(1L, 2L), seqs(store.messages(conv, 3L, null, 10)));
        assertEquals(List.of(4L, 5L), seqs(store.messages(conv, null, null, 2)));
        assertEquals("body of m5", store.lastMessage(conv).orElseThrow().body());
        assertEquals(5, store.conversation(conv).orElseThrow().lastSeq());
    }

    @Test
    void messagesQueuedTogetherGetTheirSeqsInTheOrderTheyWereSent() {
        String conv = store.directConversation(alice.id(), bob.id(), 10).id();
        String other = store.directConversation(alice.id(), StoreFixture.user(store, "carol").id(), 10).id();
        // Queued back to back, so the writer takes them in one or a few batches, two conversations interleaved.
        List<CompletableFuture<Appended>> sent = new java.util.ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            sent.add(store.append(text(i % 2 == 0 ? other : conv, alice, "q" + i)));
        }
        for (int i = 1; i <= 40; i++) {
            assertEquals((i + 1) / 2, sent.get(i - 1).join().message().seq(), "message " + i);
        }
        assertEquals(20, store.conversation(conv).orElseThrow().lastSeq());
        assertEquals(List.of("q1", "q3", "q5"),
                store.messages(conv, null, 0L, 3).stream().map(StoredMessage::clientId).toList());
    }

    @Test
    void aResentClientIdGetsTheFirstMessageBackAndStoresNothing() {
        String conv = store.directConversation(alice.id(), bob.id(), 10).id();
        Appended first = store.append(text(conv, alice, "same")).join();
        Appended again = store.append(text(conv, alice, "same")).join();
        assertTrue(again.duplicate());
        assertEquals(first.message().id(), again.message().id());
        assertEquals(List.of(1L), seqs(store.messages(conv, null, null, 10)));
        assertFalse(store.append(text(conv, bob, "same")).join().duplicate(), "client ids are per sender");
    }

    @Test
    void aClientIdResentWithinOneBatchIsStoredOnceAndTheSeqsStayGapFree() {
        String conv = store.directConversation(alice.id(), bob.id(), 10).id();
        // Queued back to back, so the writer takes them in one transaction.
        var first = store.append(text(conv, alice, "x"));
        var resent = store.append(text(conv, alice, "x"));
        var next = store.append(text(conv, alice, "y"));
        assertEquals(first.join().message().id(), resent.join().message().id());
        assertTrue(resent.join().duplicate());
        assertEquals(2L, next.join().message().seq(), "the refused duplicate gave its seq back");
        assertEquals(List.of(1L, 2L), seqs(store.messages(conv, null, null, 10)));
    }

    @Test
    void aMessageThatCannotBeStoredFailsAloneAndGivesItsSeqBack() {
        String conv = store.directConversation(alice.id(), bob.id(), 10).id();
        var missingFile = new Attachment("no-such-file", "x.bin", 1, "application/octet-stream");
        // Queued together, so that (almost always) one transaction writes all three.
        CompletableFuture<Appended> before = store.append(text(conv, alice, "1"));
        CompletableFuture<Appended> bad = store.append(withFile(conv, alice, "2", missingFile));
        CompletableFuture<Appended> after = store.append(text(conv, alice, "3"));
        var failure = assertThrows(CompletionException.class, bad::join);
        assertInstanceOf(ChatException.class, failure.getCause());
        assertEquals(1, before.join().message().seq());
        assertEquals(2, after.join().message().seq(), "no gap where the failed message was");
        assertEquals(List.of("1", "3"), store.messages(conv, null, null, 10).stream().map(StoredMessage::clientId).toList());
    }

    @Test
    void receiverOnlineAndAttachmentsComeBackAsStored() {
        String conv = store.directConversation(alice.id(), bob.id(), 10).id();
        StoredFile file = file("f1", conv, 4_000);
        store.append(new NewMessage(conv, alice.id(), "alice", "on", "hi", 2_000, true, List.of(), null)).join();
        store.append(new NewMessage(conv, alice.id(), "alice", "off", "hi", 2_000, false, List.of(), null)).join();
        store.append(withFile(conv, alice, "file", file.attachment())).join();
        List<StoredMessage> history = store.messages(conv, null, null, 10);
        assertEquals(true, history.get(0).receiverOnline());
        assertEquals(false, history.get(1).receiverOnline());
        assertNull(history.get(2).receiverOnline());
        assertEquals(List.of(file.attachment()), history.get(2).attachments());
    }

    @Test
    void aFileSharedInAMessageIsReadableByThatConversationOnly() {
        User carol = user(store, "carol");
        String conv = store.directConversation(alice.id(), bob.id(), 10).id();
        StoredFile file = file("f1", conv, 4_000);
        assertFalse(store.canReadFile(file.id(), bob.id()), "not shared yet");
        store.append(withFile(conv, alice, "1", file.attachment())).join();
        assertTrue(store.canReadFile(file.id(), alice.id()));
        assertTrue(store.canReadFile(file.id(), bob.id()));
        assertFalse(store.canReadFile(file.id(), carol.id()));
    }

    @Test
    void abandonedUploadsAreFoundOldestFirstAndCompletedOnesKept() {
        String conv = store.directConversation(alice.id(), bob.id(), 10).id();
        file("late", conv, 3_000);
        file("early", conv, 2_000);
        StoredFile done = file("done", conv, 1_000);
        assertTrue(store.completeFile(done.id()));
        assertFalse(store.completeFile(done.id()), "complete already");
        assertEquals(List.of("early", "late"), store.expiredPendingFiles(5_000, 10).stream().map(StoredFile::id).toList());
        assertFalse(store.deletePendingFile(done.id()));
        assertTrue(store.deletePendingFile("early"));
        assertEquals(Optional.empty(), store.file("early"));
    }

    private StoredFile file(String id, String conv, long expiresAt) {
        var f = new StoredFile(id, alice.id(), conv, id + ".bin", 10, "application/octet-stream", null, "blob-" + id,
                false, 1_000, expiresAt);
        store.insertFile(f);
        return f;
    }
}
