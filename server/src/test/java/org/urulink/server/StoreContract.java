package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.urulink.protocol.ErrorCode;

/** Accounts, logins, conversations and cursors as every store must keep them, on SQLite and on PostgreSQL. */
abstract class StoreContract extends StoreFixture {

    @Test
    void aUsernameIsTakenOnlyOnce() {
        var e = assertThrows(ChatException.class, () -> user(store, "alice"));
        assertEquals(ErrorCode.USERNAME_TAKEN, e.code());
        assertEquals(alice.id(), store.userByUsername("alice").orElseThrow().id());
    }

    @Test
    void prefixSearchTakesWildcardsLiterallyAndSortsByByte() {
        user(store, "an_x");
        user(store, "ann");
        user(store, "anna");
        assertEquals(List.of("an_x", "ann", "anna"), names(store.usersByPrefix("an", 10)));
        assertEquals(List.of("an_x"), names(store.usersByPrefix("an_", 10)), "_ is a letter, not any letter");
        assertEquals(List.of(), names(store.usersByPrefix("a%", 10)), "% is a letter, not any text");
        assertEquals(List.of("alice", "an_x"), names(store.usersByPrefix("a", 2)));
    }

    @Test
    void lastSeenIsUnknownUntilTouched() {
        assertEquals(Optional.empty(), store.lastSeen(alice.id()));
        store.touchLastSeen(alice.id(), 5_000);
        assertEquals(Optional.of(5_000L), store.lastSeen(alice.id()));
    }

    @Test
    void aPairHasOneDirectConversationWhicheverSideAsks() {
        Conversation ab = store.directConversation(alice.id(), bob.id(), 10);
        assertEquals(ab.id(), store.directConversation(bob.id(), alice.id(), 20).id());
        assertEquals(List.of("alice", "bob"), names(store.members(ab.id())));
        assertEquals(List.of(bob.id()), store.peersOf(alice.id()));
    }

    @Test
    void usersShareAConversationOnlyWhileBothAreMembers() {
        User carol = user(store, "carol");
        assertFalse(store.shareConversation(alice.id(), bob.id()), "strangers");
        store.directConversation(alice.id(), bob.id(), 10);
        assertTrue(store.shareConversation(alice.id(), bob.id()));
        assertTrue(store.shareConversation(bob.id(), alice.id()));
        String group = store.createGroup("Team", List.of(bob.id(), carol.id()), 20).id();
        assertTrue(store.shareConversation(carol.id(), bob.id()));
        assertFalse(store.shareConversation(carol.id(), alice.id()), "a peer's peer is not a peer");
        store.removeMember(group, carol.id());
        assertFalse(store.shareConversation(carol.id(), bob.id()), "not after leaving");
    }

    @Test
    void conversationsAreListedNewestActivityFirst() {
        Conversation direct = store.directConversation(alice.id(), bob.id(), 10);
        Conversation group = store.createGroup("Team", List.of(alice.id(), bob.id()), 20);
        assertEquals(List.of(group.id(), direct.id()), ids(store.conversationsOf(alice.id())));
        store.append(text(direct.id(), bob, "1")).join();
        assertEquals(List.of(direct.id(), group.id()), ids(store.conversationsOf(alice.id())), "a message moves it up");
        store.renameGroup(group.id(), "Team 2", 3_000);
        assertEquals("Team 2", store.conversationsOf(bob.id()).getFirst().title());
    }

    @Test
    void aRemovedMemberIsNoLongerOneAndAddingTwiceAddsOnce() {
        User carol = user(store, "carol");
        String group = store.createGroup("Team", List.of(alice.id(), bob.id()), 20).id();
        store.addMembers(group, List.of(carol.id(), carol.id(), bob.id()), 30);
        assertEquals(List.of("alice", "bob", "carol"), names(store.members(group)));
        assertTrue(store.removeMember(group, bob.id()));
        assertFalse(store.removeMember(group, bob.id()), "not a member any more");
        assertFalse(store.isMember(group, bob.id()));
        assertEquals(List.of(), store.conversationsOf(bob.id()));
    }

    @Test
    void theReadPositionOnlyRisesAndNeverPassesTheNewestMessage() {
        String conv = store.directConversation(alice.id(), bob.id(), 10).id();
        for (int i = 1; i <= 3; i++) {
            store.append(text(conv, alice, "m" + i)).join();
        }
        assertEquals(3, store.unread(conv, bob.id()));
        assertEquals(0, store.unread(conv, alice.id()), "one's own messages are not unread");
        assertEquals(2, store.markRead(conv, bob.id(), 2));
        assertEquals(2, store.markRead(conv, bob.id(), 1), "never lowered");
        assertEquals(3, store.markRead(conv, bob.id(), 99), "never past the end");
        assertEquals(3, store.readSeq(conv, bob.id()));
        assertEquals(0, store.unread(conv, bob.id()));
        assertEquals(3, store.markDelivered(conv, bob.id(), 3));
    }

    @Test
    void sendingMovesTheSendersReadPositionOverTheirOwnMessagesOnly() {
        String conv = store.directConversation(alice.id(), bob.id(), 10).id();
        for (int i = 1; i <= 3; i++) {
            store.append(text(conv, alice, "a" + i)).join();
        }
        assertEquals(3, store.readSeq(conv, alice.id()), "one's own messages are read");
        store.append(text(conv, bob, "b4")).join();
        assertEquals(0, store.readSeq(conv, bob.id()), "alice's three stay unread for bob though he answered");
        assertEquals(3, store.unread(conv, bob.id()));
        store.append(text(conv, alice, "a5")).join();
        assertEquals(3, store.readSeq(conv, alice.id()), "bob's b4 stays unread for alice");
        assertEquals(1, store.unread(conv, alice.id()));
        store.markRead(conv, alice.id(), 4);
        store.append(text(conv, alice, "a6")).join();
        assertEquals(6, store.readSeq(conv, alice.id()));
        assertEquals(0, store.unread(conv, alice.id()));
        store.markRead(conv, alice.id(), 2);
        assertEquals(6, store.readSeq(conv, alice.id()), "an older read receipt does not lower it");
    }

    @Test
    void unreadStopsCountingAtTheCapAndCountsAgainAfterARead() {
        String conv = store.directConversation(alice.id(), bob.id(), 10).id();
        List<java.util.concurrent.CompletableFuture<Appended>> sent = new java.util.ArrayList<>();
        for (int i = 1; i <= Store.UNREAD_CAP + 5; i++) {
            sent.add(store.append(text(conv, alice, "m" + i)));
        }
        sent.forEach(java.util.concurrent.CompletableFuture::join);
        assertEquals(Store.UNREAD_CAP, store.unread(conv, bob.id()), "1,005 unread show as the cap");
        store.markRead(conv, bob.id(), 7);
        assertEquals(Store.UNREAD_CAP - 2, store.unread(conv, bob.id()), "998 left after reading 7 of 1,005");
    }

    @Test
    void aNewMemberStartsWithEarlierMessagesRead() {
        User carol = user(store, "carol");
        String group = store.createGroup("Team", List.of(alice.id(), bob.id()), 20).id();
        store.append(text(group, alice, "before")).join();
        store.addMembers(group, List.of(carol.id()), 30);
        store.append(text(group, alice, "after")).join();
        assertEquals(1, store.unread(group, carol.id()));
        assertEquals(2, store.unread(group, bob.id()));
    }

    @Test
    void aRefreshTokenRotatesOnceAndItsReuseRevokesTheLogin() {
        store.insertLogin("login1", alice.id(), "r1", 1_000, 100_000);
        assertTrue(store.loginActive("login1", 2_000));
        var rotated = assertInstanceOf(Store.RefreshOutcome.Rotated.class,
                store.rotateRefresh("r1", "r2", 2_000, 101_000));
        assertEquals(alice.id(), rotated.userId());
        assertInstanceOf(Store.RefreshOutcome.Reused.class, store.rotateRefresh("r1", "r3", 3_000, 102_000));
        assertFalse(store.loginActive("login1", 3_000));
        assertInstanceOf(Store.RefreshOutcome.Invalid.class, store.rotateRefresh("r2", "r4", 4_000, 103_000),
                "the revoked login's newest token is refused too");
    }

    @Test
    void aLoginEndsAtItsExpiryOrWhenLoggedOut() {
        store.insertLogin("login1", alice.id(), "r1", 1_000, 100_000);
        assertFalse(store.loginActive("login1", 100_000));
        assertInstanceOf(Store.RefreshOutcome.Invalid.class, store.rotateRefresh("r1", "r2", 100_000, 199_000));
        assertFalse(store.loginActive("login1", 100_000), "a refused refresh does not bring it back");
        store.insertLogin("login2", alice.id(), "s1", 1_000, 100_000);
        assertEquals(Optional.of("login2"), store.revokeLoginOf("s1"));
        assertFalse(store.loginActive("login2", 2_000));
        assertEquals(Optional.empty(), store.revokeLoginOf("unknown"));
    }

    @Test
    void eachRefreshMovesTheLoginsEndToTheExpiryItGives() {
        store.insertLogin("login1", alice.id(), "r1", 1_000, 100_000);
        assertInstanceOf(Store.RefreshOutcome.Rotated.class, store.rotateRefresh("r1", "r2", 60_000, 160_000));
        assertTrue(store.loginActive("login1", 120_000), "past the end the password login gave");
        assertInstanceOf(Store.RefreshOutcome.Rotated.class, store.rotateRefresh("r2", "r3", 150_000, 250_000),
                "a refresh past the first end still works");
        assertTrue(store.loginActive("login1", 249_999));
        assertFalse(store.loginActive("login1", 250_000), "unrefreshed until its end, it is over");
        assertInstanceOf(Store.RefreshOutcome.Invalid.class, store.rotateRefresh("r3", "r4", 250_000, 350_000));
    }

    @Test
    void theStoreSaysItIsHealthy() {
        assertTrue(store.healthy());
    }

    static List<String> names(List<User> users) {
        return users.stream().map(User::username).toList();
    }

    private static List<String> ids(List<Conversation> conversations) {
        return conversations.stream().map(Conversation::id).toList();
    }
}
