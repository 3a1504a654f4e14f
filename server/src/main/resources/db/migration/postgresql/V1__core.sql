-- PostgreSQL's copy of sqlite/V1__core.sql: the same tables, columns and constraints, so JdbcStore's statements
-- run unchanged on both. Times are epoch milliseconds. Flags are SMALLINT 0/1 because the code compares them
-- with integers (revoked = 0), which PostgreSQL refuses on BOOLEAN.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    -- Stored lowercase: unique ignoring case. Byte order ("C") sorts as SQLite does and lets the
    -- "LIKE 'prefix%'" search use the index whatever the database's collation.
    username      TEXT COLLATE "C" NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_seen     BIGINT
);

-- One row per password login. Refresh tokens rotate within it; reusing one revokes the login.
CREATE TABLE logins (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked    SMALLINT NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);
CREATE INDEX logins_user ON logins (user_id);

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,           -- SHA-256 of the token; the token itself is never stored
    login_id   TEXT NOT NULL REFERENCES logins (id),
    used       SMALLINT NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
    created_at BIGINT NOT NULL
);
CREATE INDEX refresh_tokens_login ON refresh_tokens (login_id);

CREATE TABLE conversations (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('direct', 'group')),
    title      TEXT NOT NULL DEFAULT '',
    direct_key TEXT UNIQUE,                -- "<lower user id>:<higher user id>" for direct conversations
    last_seq   BIGINT NOT NULL DEFAULT 0,  -- the row every append locks: it hands out gap-free seqs
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE members (
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    user_id         TEXT NOT NULL REFERENCES users (id),
    joined_at       BIGINT NOT NULL,
    read_seq        BIGINT NOT NULL DEFAULT 0,
    delivered_seq   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX members_user ON members (user_id);

CREATE TABLE messages (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    seq             BIGINT NOT NULL,
    sender_id       TEXT NOT NULL REFERENCES users (id),
    client_id       TEXT NOT NULL,
    body            TEXT NOT NULL,
    sent_at         BIGINT NOT NULL,
    UNIQUE (conversation_id, seq),         -- also the index history and sync read by
    UNIQUE (sender_id, client_id)          -- dedupe of re-sent messages, on whichever node they arrive
);
