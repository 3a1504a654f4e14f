-- Files shared in chats. The bytes live in the blob store under blob_key (random, chosen by the server);
-- these rows say who may read them.

CREATE TABLE files (
    id              TEXT PRIMARY KEY,
    owner_id        TEXT NOT NULL REFERENCES users (id),
    conversation_id TEXT NOT NULL REFERENCES conversations (id),  -- where the uploader meant to share it
    name            TEXT NOT NULL,                                 -- sanitised for display: no path, no controls
    size            BIGINT NOT NULL,
    content_type    TEXT NOT NULL,
    sha256          TEXT,                                          -- lowercase hex as declared; NULL when not given
    blob_key        TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'complete')),
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL                                -- a pending upload is abandoned after this
);
CREATE INDEX files_owner ON files (owner_id);
-- The sweep of abandoned uploads reads only pending rows, oldest window first.
CREATE INDEX files_pending ON files (expires_at) WHERE state = 'pending';

-- A file becomes readable by a conversation's members once a message there carries it.
CREATE TABLE file_shares (
    file_id         TEXT NOT NULL REFERENCES files (id),
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    shared_at       BIGINT NOT NULL,
    PRIMARY KEY (file_id, conversation_id)
);
CREATE INDEX file_shares_conversation ON file_shares (conversation_id);

-- The message's attachments as a JSON array of {file_id, name, size, content_type}; NULL when none. Kept with
-- the message so history and sync read them without a join.
ALTER TABLE messages ADD COLUMN attachments TEXT;
