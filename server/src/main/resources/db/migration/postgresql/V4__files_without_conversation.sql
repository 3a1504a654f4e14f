-- A seed client's POST /upload names no conversation, so files.conversation_id becomes optional (NULL: not meant
-- for a conversation yet; who may read a file is decided by its owner and file_shares, never by this column).
ALTER TABLE files ALTER COLUMN conversation_id DROP NOT NULL;
