package org.urulink.server;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Accounts, logins, conversations and messages: the source of truth. The embedded store is SQLite; the
 * cluster store is PostgreSQL. Everything else (presence, bus) only makes delivery fast.
 */
interface Store extends AutoCloseable {

    // --- accounts ---

    /** @throws ChatException {@code username_taken} when the username exists, ignoring case */
    void insertUser(User user);

    Optional<User> userByUsername(String username);

    Optional<User> userById(String id);

    List<User> usersByPrefix(String prefix, int limit);

    void touchLastSeen(String userId, long at);

    Optional<Long> lastSeen(String userId);

    // --- logins (one per successful password login; refresh tokens rotate within it) ---

    void insertLogin(String loginId, String userId, String refreshHash, long now, long expiresAt);

    /**
     * Marks {@code oldHash} used, adds {@code newHash} to its login and moves the login's end to {@code expiresAt},
     * all in one transaction, unless it was used already. A login thus ends only once it goes unrefreshed.
     */
    RefreshOutcome rotateRefresh(String oldHash, String newHash, long now, long expiresAt);

    /** Revokes the login that {@code refreshHash} belongs to; its id, or empty when there is none. */
    Optional<String> revokeLoginOf(String refreshHash);

    boolean loginActive(String loginId, long now);

    // --- conversations ---

    /** The direct conversation of two users, made when missing. */
    Conversation directConversation(String userA, String userB, long now);

    Optional<Conversation> conversation(String id);

    Conversation createGroup(String title, Collection<String> memberIds, long now);

    void renameGroup(String conversationId, String title, long now);

    void addMembers(String conversationId, Collection<String> userIds, long now);

    boolean removeMember(String conversationId, String userId);

    List<String> memberIds(String conversationId);

    List<User> members(String conversationId);

    boolean isMember(String conversationId, String userId);

    /** The conversation when {@code userId} is one of its members, in one look; empty otherwise. */
    Optional<Conversation> conversationOfMember(String conversationId, String userId);

    /** Every conversation of the user, newest activity first. */
    List<Conversation> conversationsOf(String userId);

    /** Users who share at least one conversation with {@code userId}, not the user. */
    List<String> peersOf(String userId);

    /** True when the two users are members of at least one conversation together; one indexed look. */
    boolean shareConversation(String userA, String userB);

    // --- messages ---

    /**
     * Stores a message durably (batched with others into one commit); completes once it is on disk. A repeated
     * {@code (sender, client_id)} completes with the earlier message and stores nothing. New messages are also
     * handed, in commit order, to the {@link AppendListener} the store was built with.
     */
    CompletableFuture<Appended> append(NewMessage message);

    /** Up to {@code limit} messages in ascending seq: after {@code after}, or before {@code before}, or the newest. */
    List<StoredMessage> messages(String conversationId, Long before, Long after, int limit);

    Optional<StoredMessage> lastMessage(String conversationId);

    // --- files ---

    void insertFile(StoredFile file);

    Optional<StoredFile> file(String id);

    /** Marks a pending file complete; false when it is gone (swept) or was complete already. */
    boolean completeFile(String id);

    /** Pending files whose upload window closed before {@code now}, oldest first. */
    List<StoredFile> expiredPendingFiles(long now, int limit);

    /** Deletes a file row if it is still pending; false when it was completed meanwhile. */
    boolean deletePendingFile(String id);

    /** The user uploaded the file, or is a member of a conversation it was shared to. */
    boolean canReadFile(String fileId, String userId);

    // --- cursors ---

    /** Raises the user's read position (never lowers it); returns the position now stored. */
    long markRead(String conversationId, String userId, long seq);

    long markDelivered(String conversationId, String userId, long seq);

    long readSeq(String conversationId, String userId);

    /** Every member's read and received positions. */
    java.util.List<MemberPosition> positions(String conversationId);

    /** Past this many, {@link #unread} stops counting. */
    int UNREAD_CAP = 1000;

    /** Messages from others after the user's read position, at most {@link #UNREAD_CAP}. */
    long unread(String conversationId, String userId);

    /** True when the store answers queries; used by the readiness check. */
    boolean healthy();

    @Override
    void close();

    /** What rotating a refresh token found. */
    sealed interface RefreshOutcome {
        record Rotated(String loginId, String userId) implements RefreshOutcome {
        }

        /** The token was used before: its login is now revoked. */
        record Reused(String loginId) implements RefreshOutcome {
        }

        /** Unknown, expired or revoked. */
        record Invalid() implements RefreshOutcome {
        }
    }
}
