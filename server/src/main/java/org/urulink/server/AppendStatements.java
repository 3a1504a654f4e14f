package org.urulink.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The message writer's own connection and its statements, prepared once and kept: preparing a statement again
 * for every message cost SQLite about a tenth of the writer's time. Only the writer thread uses it; it evicts the
 * connection from the pool when done, which closes the statements with it.
 */
final class AppendStatements {
    private final Connection connection;
    private final PreparedStatement members;
    private final PreparedStatement bump;
    private final PreparedStatement insert;
    private final PreparedStatement readTo;

    AppendStatements(Connection connection) throws SQLException {
        this.connection = connection;
        try {
            members = connection.prepareStatement("SELECT user_id FROM members WHERE conversation_id = ?");
            bump = connection.prepareStatement("UPDATE conversations SET last_seq = last_seq + ?, updated_at = ? "
                    + "WHERE id = ? RETURNING last_seq");
            insert = connection.prepareStatement("INSERT INTO messages (id, conversation_id, seq, sender_id, client_id, "
                    + "body, sent_at, receiver_online, attachments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            readTo = connection.prepareStatement("UPDATE members SET read_seq = ? "
                    + "WHERE conversation_id = ? AND user_id = ? AND read_seq < ? AND NOT EXISTS (SELECT 1 FROM messages m "
                    + "WHERE m.conversation_id = members.conversation_id AND m.seq > members.read_seq AND m.seq < ? "
                    + "AND m.sender_id <> members.user_id)");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    List<String> members(String conversationId) throws SQLException {
        members.setString(1, conversationId);
        try (ResultSet rs = members.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }

    /**
     * Takes the conversation's next {@code count} seqs; answers the last of them, or empty when there is no such
     * conversation. The row lock this takes is held to the commit: appends to one conversation, from any node, take
     * turns here, and a rolled-back append gives its numbers back, so seqs have no gaps and no repeats.
     */
    OptionalLong takeSeqs(String conversationId, int count, long now) throws SQLException {
        bump.setInt(1, count);
        bump.setLong(2, now);
        bump.setString(3, conversationId);
        try (ResultSet rs = bump.executeQuery()) {
            return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
    }

    /** Inserts the message now. */
    void insert(StoredMessage m, String attachmentsJson) throws SQLException {
        bind(m, attachmentsJson);
        insert.executeUpdate();
    }

    /** Queues the message's row for {@link #executeInserts}. */
    void addInsert(StoredMessage m, String attachmentsJson) throws SQLException {
        bind(m, attachmentsJson);
        insert.addBatch();
    }

    void executeInserts() throws SQLException {
        insert.executeBatch();
    }

    private void bind(StoredMessage m, String attachmentsJson) throws SQLException {
        insert.setString(1, m.id());
        insert.setString(2, m.conversationId());
        insert.setLong(3, m.seq());
        insert.setString(4, m.senderId());
        insert.setString(5, m.clientId());
        insert.setString(6, m.body());
        insert.setLong(7, m.sentAt());
        insert.setObject(8, m.receiverOnline() == null ? null : m.receiverOnline() ? 1 : 0);
        insert.setString(9, attachmentsJson);
    }

    /**
     * Raises a member's read position to their own message {@code seq} when every message between their read
     * position and it is their own too: a member's own messages are read, and others' they may not have seen stay
     * unread. Without it a member's own messages after their last read were passed over on every count of their
     * unread ones: a sender who never sent {@code read} made each listing read the whole conversation. The rows
     * of the batch must be inserted first. The scan stops at the first message of someone else.
     */
    void readTo(String conversationId, String userId, long seq) throws SQLException {
        readTo.setLong(1, seq);
        readTo.setString(2, conversationId);
        readTo.setString(3, userId);
        readTo.setLong(4, seq);
        readTo.setLong(5, seq);
        readTo.executeUpdate();
    }
}
