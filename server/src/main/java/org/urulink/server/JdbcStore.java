package org.urulink.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.urulink.protocol.ErrorCode;

/**
 * The store over JDBC. The SQL is the subset SQLite and PostgreSQL share, so both backends use this class;
 * message appends go through the {@link MessageWriter} for group commit.
 */
final class JdbcStore implements Store {
    private static final String USER_COLS = "id, username, name, password_hash, created_at";
    private static final String CONV_COLS = "id, kind, title, last_seq, updated_at";
    private static final String FILE_COLS = "id, owner_id, conversation_id, name, size, content_type, sha256, blob_key, "
            + "state, created_at, expires_at";

    private final Sql sql;
    private final MessageWriter writer;
    private final AutoCloseable onClose;

    JdbcStore(DataSource dataSource, Durability durability, AppendListener listener, AutoCloseable onClose) {
        this.sql = new Sql(dataSource);
        this.writer = new MessageWriter(sql, listener, durability);
        this.onClose = onClose;
    }

    // --- accounts ---

    @Override
    public void insertUser(User u) {
        try {
            sql.update("INSERT INTO users (" + USER_COLS + ") VALUES (?, ?, ?, ?, ?)",
                    u.id(), u.username(), u.name(), u.passwordHash(), u.createdAt());
        } catch (StoreException e) {
            if (e.isUniqueViolation()) {
                throw new ChatException(ErrorCode.USERNAME_TAKEN, "the username \"" + u.username() + "\" is taken");
            }
            throw e;
        }
    }

    @Override
    public Optional<User> userByUsername(String username) {
        return sql.one("SELECT " + USER_COLS + " FROM users WHERE username = ?", JdbcStore::user, username);
    }

    @Override
    public Optional<User> userById(String id) {
        return sql.one("SELECT " + USER_COLS + " FROM users WHERE id = ?", JdbcStore::user, id);
    }

    @Override
    public List<User> usersByPrefix(String prefix, int limit) {
        String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return sql.list("SELECT " + USER_COLS + " FROM users WHERE username LIKE ? ESCAPE '\\' ORDER BY username LIMIT ?",
                JdbcStore::user, pattern, limit);
    }

    @Override
    public void touchLastSeen(String userId, long at) {
        sql.update("UPDATE users SET last_seen = ? WHERE id = ?", at, userId);
    }

    @Override
    public Optional<Long> lastSeen(String userId) {
        return sql.one("SELECT last_seen FROM users WHERE id = ? AND last_seen IS NOT NULL",
                rs -> rs.getLong(1), userId);
    }

    // --- logins ---

    @Override
    public void insertLogin(String loginId, String userId, String refreshHash, long now, long expiresAt) {
        sql.transaction(c -> {
            Sql.update(c, "INSERT INTO logins (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    loginId, userId, now, expiresAt);
            return Sql.update(c, "INSERT INTO refresh_tokens (token_hash, login_id, created_at) VALUES (?, ?, ?)",
                    refreshHash, loginId, now);
        });
    }

    @Override
    public RefreshOutcome rotateRefresh(String oldHash, String newHash, long now, long expiresAt) {
        return sql.transaction(c -> {
            record Found(String loginId, String userId, boolean used, boolean live) {
            }
            Optional<Found> found = Sql.one(c, "SELECT l.id, l.user_id, t.used, l.revoked = 0 AND l.expires_at > ? "
                    + "FROM refresh_tokens t JOIN logins l ON l.id = t.login_id WHERE t.token_hash = ?",
                    rs -> new Found(rs.getString(1), rs.getString(2), rs.getInt(3) != 0, rs.getBoolean(4)),
                    now, oldHash);
            if (found.isEmpty() || !found.get().live()) {
                return new RefreshOutcome.Invalid();
            }
            Found f = found.get();
            // "AND used = 0" decides a race between two refreshes with one token, here or on another node: the
            // second waits for the first's row lock, then updates nothing and is treated as a reuse.
            if (f.used() || Sql.update(c, "UPDATE refresh_tokens SET used = 1 WHERE token_hash = ? AND used = 0",
                    oldHash) == 0) {
                Sql.update(c, "UPDATE logins SET revoked = 1 WHERE id = ?", f.loginId());
                return new RefreshOutcome.Reused(f.loginId());
            }
            Sql.update(c, "INSERT INTO refresh_tokens (token_hash, login_id, created_at) VALUES (?, ?, ?)",
                    newHash, f.loginId(), now);
            // Sliding expiry: a login in use stays; only one left unrefreshed for the whole TTL ends. Only the end
            // moves: a logout that commits meanwhile keeps the login revoked.
            Sql.update(c, "UPDATE logins SET expires_at = ? WHERE id = ?", expiresAt, f.loginId());
            return new RefreshOutcome.Rotated(f.loginId(), f.userId());
        });
    }

    @Override
    public Optional<String> revokeLoginOf(String refreshHash) {
        return sql.transaction(c -> {
            Optional<String> loginId = Sql.one(c, "SELECT login_id FROM refresh_tokens WHERE token_hash = ?",
                    rs -> rs.getString(1), refreshHash);
            if (loginId.isPresent()) {
                Sql.update(c, "UPDATE logins SET revoked = 1 WHERE id = ?", loginId.get());
            }
            return loginId;
        });
    }

    @Override
    public boolean loginActive(String loginId, long now) {
        return sql.one("SELECT 1 FROM logins WHERE id = ? AND revoked = 0 AND expires_at > ?",
                rs -> true, loginId, now).isPresent();
    }

    // --- conversations ---

    @Override
    public Conversation directConversation(String userA, String userB, long now) {
        String key = userA.compareTo(userB) < 0 ? userA + ":" + userB : userB + ":" + userA;
        // Almost always it exists: look it up without taking the database's write lock.
        Optional<Conversation> existing = byDirectKey(key);
        if (existing.isPresent()) {
            return existing.get();
        }
        String id = UUID.randomUUID().toString();
        boolean made = sql.transaction(c -> {
            // Two nodes may make the same pair's conversation at once: the unique direct_key lets one insert win;
            // the other waits for it to commit, inserts nothing, and reads the winner's row below.
            int inserted = Sql.update(c, "INSERT INTO conversations (id, kind, direct_key, created_at, updated_at) "
                    + "VALUES (?, 'direct', ?, ?, ?) ON CONFLICT (direct_key) DO NOTHING", id, key, now, now);
            if (inserted > 0) {
                insertMembers(c, id, List.of(userA, userB), now);
            }
            return inserted > 0;
        });
        return made ? new Conversation(id, Conversation.Kind.DIRECT, "", 0, now)
                : byDirectKey(key).orElseThrow(() -> ChatException.notFound("conversation"));
    }

    private Optional<Conversation> byDirectKey(String key) {
        return sql.one("SELECT " + CONV_COLS + " FROM conversations WHERE direct_key = ?", JdbcStore::conversation, key);
    }

    @Override
    public Optional<Conversation> conversation(String id) {
        return sql.one("SELECT " + CONV_COLS + " FROM conversations WHERE id = ?", JdbcStore::conversation, id);
    }

    @Override
    public Conversation createGroup(String title, Collection<String> memberIds, long now) {
        String id = UUID.randomUUID().toString();
        return sql.transaction(c -> {
            Sql.update(c, "INSERT INTO conversations (id, kind, title, created_at, updated_at) "
                    + "VALUES (?, 'group', ?, ?, ?)", id, title, now, now);
            insertMembers(c, id, memberIds, now);
            return new Conversation(id, Conversation.Kind.GROUP, title, 0, now);
        });
    }

    @Override
    public void renameGroup(String conversationId, String title, long now) {
        sql.update("UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?", title, now, conversationId);
    }

    @Override
    public void addMembers(String conversationId, Collection<String> userIds, long now) {
        sql.transaction(c -> {
            insertMembers(c, conversationId, userIds, now);
            return null;
        });
    }

    private static void insertMembers(Connection c, String conversationId, Collection<String> userIds, long now)
            throws SQLException {
        // New members start with everything before they joined marked read, so they are not shown it as unread.
        for (String userId : userIds) {
            Sql.update(c, "INSERT INTO members (conversation_id, user_id, joined_at, read_seq, delivered_seq) "
                    + "SELECT ?, ?, ?, last_seq, last_seq FROM conversations WHERE id = ? "
                    + "ON CONFLICT (conversation_id, user_id) DO NOTHING", conversationId, userId, now, conversationId);
        }
    }

    @Override
    public boolean removeMember(String conversationId, String userId) {
        return sql.update("DELETE FROM members WHERE conversation_id = ? AND user_id = ?", conversationId, userId) > 0;
    }

    @Override
    public List<String> memberIds(String conversationId) {
        return sql.list("SELECT user_id FROM members WHERE conversation_id = ?", rs -> rs.getString(1), conversationId);
    }

    @Override
    public List<User> members(String conversationId) {
        return sql.list("SELECT u.id, u.username, u.name, u.password_hash, u.created_at FROM members m "
                + "JOIN users u ON u.id = m.user_id WHERE m.conversation_id = ? ORDER BY u.username",
                JdbcStore::user, conversationId);
    }

    @Override
    public boolean isMember(String conversationId, String userId) {
        return sql.one("SELECT 1 FROM members WHERE conversation_id = ? AND user_id = ?", rs -> true,
                conversationId, userId).isPresent();
    }

    @Override
    public Optional<Conversation> conversationOfMember(String conversationId, String userId) {
        return sql.one("SELECT c.id, c.kind, c.title, c.last_seq, c.updated_at FROM conversations c "
                + "JOIN members m ON m.conversation_id = c.id WHERE c.id = ? AND m.user_id = ?",
                JdbcStore::conversation, conversationId, userId);
    }

    @Override
    public List<Conversation> conversationsOf(String userId) {
        return sql.list("SELECT c.id, c.kind, c.title, c.last_seq, c.updated_at FROM conversations c "
                + "JOIN members m ON m.conversation_id = c.id WHERE m.user_id = ? ORDER BY c.updated_at DESC, c.id",
                JdbcStore::conversation, userId);
    }

    @Override
    public List<String> peersOf(String userId) {
        return sql.list("SELECT DISTINCT o.user_id FROM members m JOIN members o ON o.conversation_id = m.conversation_id "
                + "WHERE m.user_id = ? AND o.user_id <> ?", rs -> rs.getString(1), userId, userId);
    }

    @Override
    public boolean shareConversation(String userA, String userB) {
        // Walks userA's memberships (members_user) and probes each for userB (the primary key): no peer list built.
        return sql.one("SELECT 1 FROM members m JOIN members o ON o.conversation_id = m.conversation_id "
                + "WHERE m.user_id = ? AND o.user_id = ? LIMIT 1", rs -> true, userA, userB).isPresent();
    }

    // --- messages ---

    @Override
    public CompletableFuture<Appended> append(NewMessage message) {
        return writer.append(message);
    }

    @Override
    public List<StoredMessage> messages(String conversationId, Long before, Long after, int limit) {
        String select = "SELECT " + MessageWriter.MESSAGE_COLS + " FROM messages m JOIN users u ON u.id = m.sender_id "
                + "WHERE m.conversation_id = ? ";
        if (after != null) {
            return sql.list(select + "AND m.seq > ? ORDER BY m.seq LIMIT ?", MessageWriter::message,
                    conversationId, after, limit);
        }
        List<StoredMessage> newestFirst = before != null
                ? sql.list(select + "AND m.seq < ? ORDER BY m.seq DESC LIMIT ?", MessageWriter::message,
                        conversationId, before, limit)
                : sql.list(select + "ORDER BY m.seq DESC LIMIT ?", MessageWriter::message, conversationId, limit);
        return newestFirst.reversed();
    }

    @Override
    public Optional<StoredMessage> lastMessage(String conversationId) {
        List<StoredMessage> last = messages(conversationId, null, null, 1);
        return last.isEmpty() ? Optional.empty() : Optional.of(last.getFirst());
    }

    // --- files ---

    @Override
    public void insertFile(StoredFile f) {
        sql.update("INSERT INTO files (" + FILE_COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", f.id(), f.ownerId(),
                f.conversationId(), f.name(), f.size(), f.contentType(), f.sha256(), f.blobKey(),
                f.complete() ? "complete" : "pending", f.createdAt(), f.expiresAt());
    }

    @Override
    public Optional<StoredFile> file(String id) {
        return sql.one("SELECT " + FILE_COLS + " FROM files WHERE id = ?", JdbcStore::storedFile, id);
    }

    @Override
    public boolean completeFile(String id) {
        return sql.update("UPDATE files SET state = 'complete' WHERE id = ? AND state = 'pending'", id) > 0;
    }

    @Override
    public List<StoredFile> expiredPendingFiles(long now, int limit) {
        return sql.list("SELECT " + FILE_COLS + " FROM files WHERE state = 'pending' AND expires_at < ? "
                + "ORDER BY expires_at LIMIT ?", JdbcStore::storedFile, now, limit);
    }

    @Override
    public boolean deletePendingFile(String id) {
        return sql.update("DELETE FROM files WHERE id = ? AND state = 'pending'", id) > 0;
    }

    @Override
    public boolean canReadFile(String fileId, String userId) {
        return sql.one("SELECT 1 FROM files f WHERE f.id = ? AND (f.owner_id = ? OR EXISTS (SELECT 1 FROM file_shares s "
                + "JOIN members m ON m.conversation_id = s.conversation_id WHERE s.file_id = f.id AND m.user_id = ?))",
                rs -> true, fileId, userId, userId).isPresent();
    }

    // --- cursors ---

    @Override
    public long markRead(String conversationId, String userId, long seq) {
        return raise("read_seq", conversationId, userId, seq);
    }

    @Override
    public long markDelivered(String conversationId, String userId, long seq) {
        return raise("delivered_seq", conversationId, userId, seq);
    }

    private long raise(String column, String conversationId, String userId, long seq) {
        // Never beyond the conversation's newest message, never lower than before.
        return sql.transaction(c -> {
            Sql.update(c, "UPDATE members SET " + column + " = (SELECT CASE WHEN ? < last_seq THEN ? ELSE last_seq END "
                    + "FROM conversations WHERE id = ?) WHERE conversation_id = ? AND user_id = ? AND " + column + " < ?",
                    seq, seq, conversationId, conversationId, userId, seq);
            return Sql.one(c, "SELECT " + column + " FROM members WHERE conversation_id = ? AND user_id = ?",
                    rs -> rs.getLong(1), conversationId, userId).orElse(0L);
        });
    }

    @Override
    public long readSeq(String conversationId, String userId) {
        return sql.one("SELECT read_seq FROM members WHERE conversation_id = ? AND user_id = ?",
                rs -> rs.getLong(1), conversationId, userId).orElse(0L);
    }

    @Override
    public List<MemberPosition> positions(String conversationId) {
        return sql.list("SELECT user_id, read_seq, delivered_seq FROM members WHERE conversation_id = ?",
                rs -> new MemberPosition(rs.getString(1), rs.getLong(2), rs.getLong(3)), conversationId);
    }

    @Override
    public long unread(String conversationId, String userId) {
        // Counting costs a row per unread message, on every listing: a member who never reads a busy group would
        // make each of their listings slower. Past the cap the exact number helps nobody (clients show "999+").
        return sql.one("SELECT COUNT(*) FROM (SELECT 1 FROM messages m JOIN members me "
                + "ON me.conversation_id = m.conversation_id AND me.user_id = ? "
                + "WHERE m.conversation_id = ? AND m.seq > me.read_seq AND m.sender_id <> ? LIMIT " + UNREAD_CAP + ") u",
                rs -> rs.getLong(1), userId, conversationId, userId).orElse(0L);
    }

    @Override
    public boolean healthy() {
        try {
            return sql.one("SELECT 1", rs -> true).orElse(false);
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public void close() {
        writer.close();
        try {
            onClose.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the database failed", e);
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
    }

    private static StoredFile storedFile(ResultSet rs) throws SQLException {
        return new StoredFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getString(8), "complete".equals(rs.getString(9)), rs.getLong(10),
                rs.getLong(11));
    }

    private static Conversation conversation(ResultSet rs) throws SQLException {
        return new Conversation(rs.getString(1), Conversation.Kind.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)),
                rs.getString(3), rs.getLong(4), rs.getLong(5));
    }
}
