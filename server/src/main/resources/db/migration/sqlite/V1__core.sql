-- Accounts, logins, conversations and messages. Times are epoch milliseconds.
-- Kept to SQL that SQLite and PostgreSQL both accept, so the cluster store can reuse the same statements.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,   -- stored lowercase: unique ignoring case
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
    revoked    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,           -- SHA-256 of the token; the token itself is never stored
    login_id   TEXT NOT NULL REFERENCES logins (id),
    used       INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX refresh_tokens_login ON refresh_tokens (login_id);

CREATE TABLE conversations (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('direct', 'group')),
    title      TEXT NOT NULL DEFAULT '',
    direct_key TEXT UNIQUE,                -- "<lower user id>:<higher user id>" for direct conversations
    last_seq   BIGINT NOT NULL DEFAULT 0,
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
    UNIQUE (conversation_id, seq),
    UNIQUE (sender_id, client_id)
);
