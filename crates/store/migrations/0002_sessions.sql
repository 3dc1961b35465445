-- Ways in: server-side sessions (any app server can serve any request), one-time passwords
-- issued by schools, throttling of failed logins, and API tokens. Secrets are stored only as
-- SHA-256 hashes of random tokens (high entropy, so a fast hash is enough); passwords people
-- choose are argon2id, in account.password_hash.

ALTER TABLE account ADD COLUMN password_changed_at TEXT;

CREATE TABLE session (
    token_hash   TEXT PRIMARY KEY,              -- SHA-256 of the cookie's token, hex
    account_id   TEXT NOT NULL REFERENCES account (id),
    -- The role the person is working in (the role switch), as an index into their roles.
    active_role  INTEGER NOT NULL DEFAULT 0,
    -- Set when the person came in with a one-time password: they must choose their own first.
    must_set_password INTEGER NOT NULL DEFAULT 0 CHECK (must_set_password IN (0, 1)),
    csrf_token   TEXT NOT NULL,
    user_agent   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL                  -- absolute end; idle expiry is last_seen_at + idle
);
CREATE INDEX session_account ON session (account_id);

-- At most one live one-time password per account: a reissue replaces it, so the old one dies.
CREATE TABLE one_time_password (
    account_id TEXT PRIMARY KEY REFERENCES account (id),
    code_hash  TEXT NOT NULL,
    issued_by  TEXT REFERENCES account (id),
    issued_at  TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- Failed logins per key ('login:<login>' or 'address:<ip>'), in a window; a key over the limit is
-- locked until locked_until. Keyed by what was typed, so an unknown login behaves like a known one.
CREATE TABLE login_throttle (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    window_start TEXT NOT NULL,
    locked_until TEXT
);

CREATE TABLE api_token (
    id          TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    account_id  TEXT NOT NULL REFERENCES account (id),
    kind        TEXT NOT NULL CHECK (kind IN ('login', 'integration')),
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT,                            -- NULL: until revoked (integration tokens)
    revoked_at  TEXT
);
CREATE INDEX api_token_account ON api_token (account_id);
