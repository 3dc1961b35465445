-- Idempotency keys of the API (issue 8): a client may send `Idempotency-Key` with a call that
-- issues something or moves money; a retry with the same key gets the first answer again and
-- has no second effect.
--
-- A row is inserted as the first statement of the use case's transaction (status and body
-- empty) and given its answer as the last, so it commits or rolls back with the effect: no
-- effect without its key, no key without its effect. The primary key decides between two
-- requests with the same key: on PostgreSQL the second insert waits for the first transaction
-- and then finds the row; on SQLite the one writer runs them one after the other. A row is
-- therefore never seen without its answer. Failed requests roll back and leave no row.
-- Kept 24 hours (`app::idempotency::KEEP`), then removed by housekeeping.
CREATE TABLE idempotency_key (
    account_id  TEXT NOT NULL REFERENCES account (id),
    key         TEXT NOT NULL,              -- as the client sent it: 1–255 printable ASCII
    fingerprint TEXT NOT NULL,              -- SHA-256 (hex) of the operation and its request
    status      INTEGER,                    -- the answer's HTTP status
    body        TEXT,                       -- the answer's JSON
    created_at  TEXT NOT NULL,
    PRIMARY KEY (account_id, key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
