-- The certificate (R01–R06): periods with their nominal and funded quota, certificates and the
-- log of their statuses, consents to the processing of personal data, and the ledger that
-- holds their money (R09: every kopeck moves by a balanced entry).

-- How a session came in: the consent given in it records the channel (R05).
ALTER TABLE session ADD COLUMN via TEXT NOT NULL DEFAULT 'password';

-- A merged duplicate keeps its row (links point at the survivor from then on).
ALTER TABLE person ADD COLUMN merged_into TEXT REFERENCES person (id);

-- A municipality's year: the nominal a funded certificate is credited and how many
-- certificates may carry money (R06). funded_count moves only by guarded updates
-- (`… WHERE funded_count < funded_quota`), so the quota holds under concurrent claims.
CREATE TABLE period (
    id              TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipality (id),
    year            INTEGER NOT NULL,
    starts_on       TEXT NOT NULL,
    ends_on         TEXT NOT NULL,             -- inclusive
    nominal         BIGINT NOT NULL CHECK (nominal >= 0),
    funded_quota    INTEGER NOT NULL CHECK (funded_quota >= 0),
    funded_count    INTEGER NOT NULL DEFAULT 0 CHECK (funded_count >= 0),
    created_at      TEXT NOT NULL,
    UNIQUE (municipality_id, year),
    CHECK (starts_on <= ends_on)
);

CREATE TABLE certificate (
    id              TEXT PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,      -- 12 digits: region, serial, ISO 7064 check
    child_id        TEXT NOT NULL UNIQUE REFERENCES person (id),   -- R01: one per child, for life
    municipality_id TEXT NOT NULL REFERENCES municipality (id),
    status          TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'closed')),
    status_reason   TEXT,
    channel         TEXT NOT NULL CHECK (channel IN ('cabinet', 'esia', 'organization')),
    organization_id TEXT REFERENCES organization (id),            -- issued at enrollment by
    issued_by       TEXT NOT NULL REFERENCES account (id),
    issued_at       TEXT NOT NULL,
    CHECK (LENGTH(number) = 12)
);
-- Claim order within a municipality: unfunded certificates are upgraded in this order.
CREATE INDEX certificate_claim_order ON certificate (municipality_id, issued_at, id);
CREATE INDEX certificate_organization ON certificate (organization_id);

-- A certificate carries money in a period when it holds one of the period's funded places.
CREATE TABLE certificate_funding (
    certificate_id TEXT NOT NULL REFERENCES certificate (id),
    period_id      TEXT NOT NULL REFERENCES period (id),
    funded_at      TEXT NOT NULL,
    PRIMARY KEY (certificate_id, period_id)
);
CREATE INDEX certificate_funding_period ON certificate_funding (period_id);

-- Statuses change only by logged actions; the log is never edited.
CREATE TABLE certificate_event (
    id             TEXT PRIMARY KEY,
    certificate_id TEXT NOT NULL REFERENCES certificate (id),
    kind           TEXT NOT NULL CHECK (kind IN ('issued', 'funded', 'suspended', 'resumed', 'closed')),
    reason         TEXT,
    account_id     TEXT REFERENCES account (id),  -- NULL for the system's own actions
    created_at     TEXT NOT NULL
);
CREATE INDEX certificate_event_certificate ON certificate_event (certificate_id, created_at);

-- R05: who gave consent, for which child, when, to which text, by which channel.
CREATE TABLE consent (
    id             TEXT PRIMARY KEY,
    child_id       TEXT NOT NULL REFERENCES person (id),
    given_by       TEXT NOT NULL REFERENCES person (id),   -- the parent, or the child from 14
    recorded_by    TEXT NOT NULL REFERENCES account (id),
    channel        TEXT NOT NULL CHECK (channel IN ('cabinet', 'esia', 'paper')),
    text_version   TEXT NOT NULL,
    certificate_id TEXT REFERENCES certificate (id),
    created_at     TEXT NOT NULL
);
CREATE INDEX consent_child ON consent (child_id, created_at);

-- The scan of a paper consent signed at an organization (variant 4).
CREATE TABLE consent_scan (
    consent_id   TEXT PRIMARY KEY REFERENCES consent (id),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes        BYTEA NOT NULL
);

-- Double-entry ledger. An account's balance is kept beside its postings, changed in the same
-- transaction by guarded updates; `ledger_posting` sums to zero per entry and to the balance per
-- account (checked by tests and, later, `dopcert verify`).
CREATE TABLE ledger_account (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('budget', 'certificate_available', 'certificate_held',
                                                  'provider_receivable')),
    period_id       TEXT REFERENCES period (id),
    certificate_id  TEXT REFERENCES certificate (id),
    organization_id TEXT REFERENCES organization (id),
    balance         BIGINT NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    -- The budget is the source of money and runs negative; everything else never does.
    CHECK (kind = 'budget' OR balance >= 0)
);
CREATE UNIQUE INDEX ledger_account_owner ON ledger_account (
    kind, COALESCE(period_id, ''), COALESCE(certificate_id, ''), COALESCE(organization_id, ''));

CREATE TABLE ledger_entry (
    id              TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    reason          TEXT NOT NULL CHECK (reason IN ('nominal', 'return', 'expiry', 'hold', 'release', 'charge')),
    period_id       TEXT REFERENCES period (id),
    certificate_id  TEXT REFERENCES certificate (id),
    note            TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX ledger_entry_certificate ON ledger_entry (certificate_id, created_at);

CREATE TABLE ledger_posting (
    entry_id   TEXT NOT NULL REFERENCES ledger_entry (id),
    account_id TEXT NOT NULL REFERENCES ledger_account (id),
    amount     BIGINT NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (entry_id, account_id)
);
CREATE INDEX ledger_posting_account ON ledger_posting (account_id);

-- Near matches (R02): the claimed child may exist as a person of its own, held until staff
-- decide; how it was decided and by whom.
ALTER TABLE possible_duplicate ADD COLUMN claimed_person_id TEXT REFERENCES person (id);
ALTER TABLE possible_duplicate ADD COLUMN municipality_id TEXT REFERENCES municipality (id);
ALTER TABLE possible_duplicate ADD COLUMN resolution TEXT CHECK (resolution IN ('same', 'different'));
ALTER TABLE possible_duplicate ADD COLUMN resolved_by TEXT REFERENCES account (id);
CREATE INDEX possible_duplicate_claimed ON possible_duplicate (claimed_person_id);
