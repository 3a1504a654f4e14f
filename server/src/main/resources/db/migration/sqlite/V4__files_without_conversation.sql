-- A seed client's POST /upload names no conversation, so files.conversation_id becomes optional (NULL: not meant
-- for a conversation yet; who may read a file is decided by its owner and file_shares, never by this column).
-- SQLite cannot drop a NOT NULL, so the table is rebuilt. file_shares, which references it, is emptied first and
-- refilled after: no foreign key is broken at any point of this (one) transaction.

CREATE TEMPORARY TABLE file_shares_kept AS SELECT * FROM file_shares;
DELETE FROM file_shares;

CREATE TABLE files_new (
    id              TEXT PRIMARY KEY,
    owner_id        TEXT NOT NULL REFERENCES users (id),
    conversation_id TEXT REFERENCES conversations (id),            -- where the uploader meant to share it; NULL for a seed upload
    name            TEXT NOT NULL,                                 -- sanitised for display: no path, no controls
    size            BIGINT NOT NULL,
    content_type    TEXT NOT NULL,
    sha256          TEXT,                                          -- lowercase hex as declared; NULL when not given
    blob_key        TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'complete')),
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL                                -- a pending upload is abandoned after this
);
INSERT INTO files_new (id, owner_id, conversation_id, name, size, content_type, sha256, blob_key, state, created_at,
                       expires_at)
SELECT id, owner_id, conversation_id, name, size, content_type, sha256, blob_key, state, created_at, expires_at
FROM files;
DROP TABLE files;
ALTER TABLE files_new RENAME TO files;
CREATE INDEX files_owner ON files (owner_id);

INSERT INTO file_shares SELECT * FROM file_shares_kept;
DROP TABLE file_shares_kept;
