package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one database, each with its own store and pool, doing the same things at the same moment: what
 * a cluster's users see must not depend on which node they reached.
 */
abstract class TwoNodeStoreContract extends StoreFixture {
    private static final int ROUNDS = 30;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private JdbcStore other;

    @BeforeEach
    void openSecondNode() {
        other = node();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void appendsToOneConversationFromTwoNodesGetGapFreeUniqueSeqs() throws Exception {
        String conv = store.createGroup("busy", List.of(alice.id(), bob.id()), 10).id();
        var fromA = threads.submit(() -> sendMany(store, conv, alice));
        var fromB = threads.submit(() -> sendMany(other, conv, bob));
        List<Appended> acks = new ArrayList<>(join(fromA.get()));
        acks.addAll(join(fromB.get()));
        List<Long> all = LongStream.rangeClosed(1, 2L * 10 * ROUNDS).boxed().toList();
        assertEquals(all, acks.stream().map(a -> a.message().seq()).sorted().toList(), "every seq once, none missing");
        List<StoredMessage> history = other.messages(conv, null, 0L, 1_000);
        assertEquals(all, seqs(history));
        for (User sender : List.of(alice, bob)) {
            List<String> sent = history.stream().filter(m -> m.senderId().equals(sender.id()))
                    .map(StoredMessage::clientId).toList();
            assertEquals(sent.stream().sorted(Comparator.comparingInt(Integer::parseInt)).toList(), sent,
                    "each node's messages keep the order they were sent in");
        }
        assertEquals(all.size(), store.conversation(conv).orElseThrow().lastSeq());
    }

    @Test
    void twoNodesWritingToTheSameConversationsInOppositeOrdersBothFinish() throws Exception {
        List<String> convs = List.of(store.createGroup("one", List.of(alice.id(), bob.id()), 10).id(),
                store.createGroup("two", List.of(alice.id(), bob.id()), 10).id());
        var fromA = threads.submit(() -> sendAlternating(store, convs, alice));
        var fromB = threads.submit(() -> sendAlternating(other, convs.reversed(), bob));
        join(fromA.get());
        join(fromB.get());
        for (String conv : convs) {
            assertEquals(LongStream.rangeClosed(1, 10L * ROUNDS).boxed().toList(),
                    seqs(store.messages(conv, null, 0L, 1_000)));
        }
    }

    @Test
    void aClientIdSentToBothNodesAtOnceIsStoredOnce() throws Exception {
        String conv = store.createGroup("retry", List.of(alice.id(), bob.id()), 10).id();
        var onA = threads.submit(() -> sendMany(store, conv, alice));
        var onB = threads.submit(() -> sendMany(other, conv, alice));
        List<Appended> a = join(onA.get());
        List<Appended> b = join(onB.get());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).message().id(), b.get(i).message().id(), "both nodes answer with one message");
            assertTrue(a.get(i).duplicate() != b.get(i).duplicate(), "one stored it, the other found it");
        }
        assertEquals(LongStream.rangeClosed(1, a.size()).boxed().toList(), seqs(store.messages(conv, null, 0L, 1_000)));
    }

    @Test
    void bothNodesMakingAPairsConversationAtOnceMakeOne() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            User x = user(store, "x" + i);
            User y = user(store, "y" + i);
            List<Conversation> made = atOnce(s -> s.directConversation(x.id(), y.id(), 10));
            assertEquals(made.get(0).id(), made.get(1).id());
            assertEquals(1, store.conversationsOf(x.id()).size());
            assertEquals(2, store.memberIds(made.get(0).id()).size());
        }
    }

    @Test
    void oneRefreshTokenUsedOnBothNodesAtOnceRotatesOnceAndRevokesTheLogin() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            String login = "login" + i;
            String old = "old" + i;
            store.insertLogin(login, alice.id(), old, 1_000, 100_000);
            List<Store.RefreshOutcome> outcomes =
                    atOnce(s -> s.rotateRefresh(old, (s == store ? "a" : "b") + old, 2_000, 102_000));
            long rotated = outcomes.stream().filter(o -> o instanceof Store.RefreshOutcome.Rotated).count();
            assertEquals(1, rotated, "two holders of one token is a stolen token: " + outcomes);
            assertInstanceOf(Store.RefreshOutcome.Reused.class,
                    outcomes.stream().filter(o -> !(o instanceof Store.RefreshOutcome.Rotated)).findFirst().orElseThrow());
            assertEquals(false, store.loginActive(login, 2_000));
        }
    }

    /** {@link #ROUNDS} bursts of ten messages with client ids "0", "1", ..., queued without waiting. */
    private static List<CompletableFuture<Appended>> sendMany(Store node, String conv, User sender) {
        List<CompletableFuture<Appended>> acks = new ArrayList<>();
        for (int i = 0; i < 10 * ROUNDS; i++) {
            acks.add(node.append(text(conv, sender, Integer.toString(i))));
            if (i % 10 == 9) {
                Thread.yield();
            }
        }
        return acks;
    }

    /** Like {@link #sendMany}, each message to the next of {@code convs} in turn. */
    private static List<CompletableFuture<Appended>> sendAlternating(Store node, List<String> convs, User sender) {
        List<CompletableFuture<Appended>> acks = new ArrayList<>();
        for (int i = 0; i < 10 * ROUNDS; i++) {
            acks.add(node.append(text(convs.get(i % convs.size()), sender, Integer.toString(i))));
        }
        return acks;
    }

    /** Runs {@code work} on both nodes, released together. */
    private <T> List<T> atOnce(Function<Store, T> work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<T>> done = new ArrayList<>();
        for (Store node : List.of(store, other)) {
            done.add(threads.submit(() -> {
                start.await();
                return work.apply(node);
            }));
        }
        return List.of(done.get(0).get(), done.get(1).get());
    }

    private static List<Appended> join(List<CompletableFuture<Appended>> acks) {
        return acks.stream().map(CompletableFuture::join).toList();
    }
}
