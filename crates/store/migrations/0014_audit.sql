-- The audit log (issue 7): every action that changes something — who, when, what, before and
-- after, from which address — append-only and tamper-evident.
--
-- A use case appends its records in its own transaction, without a place in the chain (seq,
-- prev_hash and hash are NULL): a chain head locked by every audited transaction would make
-- them all wait for one another. The sealer (housekeeping, and `dopcert verify` before it checks)
-- then gives the unsealed records, in the order of their time, the next numbers and each the
-- hash of its content and of the record before it; the one row of audit_head (the last number
-- and hash) is locked by a guarded update, so sealers on several servers take turns.
CREATE TABLE audit_record (
    id              TEXT PRIMARY KEY,
    at              TEXT NOT NULL,
    -- Who: the account and, as shown then, the name and the role; NULL for a command or a timer.
    account_id      TEXT,
    actor_name      TEXT,
    role            TEXT,
    address         TEXT,
    -- What: an action code (`application.apply`), the object changed, and the person,
    -- certificate and organization concerned (for searching), before → after as JSON objects
    -- without SNILS or birth dates.
    action          TEXT NOT NULL,
    object_kind     TEXT NOT NULL,
    object_id       TEXT NOT NULL,
    person_id       TEXT,
    certificate_id  TEXT,
    organization_id TEXT,
    -- The municipality whose operators see the record (NULL: region-wide).
    municipality_id TEXT,
    before_json     TEXT,
    after_json      TEXT,
    seq             BIGINT UNIQUE,
    prev_hash       TEXT,
    hash            TEXT
);
CREATE INDEX audit_record_at ON audit_record (at, id);
CREATE INDEX audit_record_unsealed ON audit_record (at, id) WHERE seq IS NULL;
CREATE INDEX audit_record_account ON audit_record (account_id, at);
CREATE INDEX audit_record_person ON audit_record (person_id, at);
CREATE INDEX audit_record_certificate ON audit_record (certificate_id, at);
CREATE INDEX audit_record_organization ON audit_record (organization_id, at);
CREATE INDEX audit_record_municipality ON audit_record (municipality_id, at);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
