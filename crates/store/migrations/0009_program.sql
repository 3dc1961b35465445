-- Providers, their programs and the programs' certification (R07), and the change log that
-- keeps every app server's catalog index current.

-- The registry of providers: an organization's place in it and its bank details for payment
-- orders. Organizations loaded from the region's lists are already working providers.
ALTER TABLE organization ADD COLUMN provider_status TEXT NOT NULL DEFAULT 'active'
    CHECK (provider_status IN ('applied', 'verified', 'active', 'suspended'));
ALTER TABLE organization ADD COLUMN status_reason TEXT;
ALTER TABLE organization ADD COLUMN licence TEXT;
ALTER TABLE organization ADD COLUMN bank_name TEXT;
ALTER TABLE organization ADD COLUMN bik TEXT;
ALTER TABLE organization ADD COLUMN settlement_account TEXT;

-- A program (дополнительная общеразвивающая программа). Its status moves only through
-- `dopcert_domain::program::transition`; `version` guards concurrent edits.
CREATE TABLE program (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organization (id),
    municipality_id  TEXT NOT NULL REFERENCES municipality (id),   -- the provider's
    title            TEXT NOT NULL,
    direction        TEXT NOT NULL CHECK (direction IN ('technical', 'natural_science', 'physical_sport',
                                                        'artistic', 'tourism', 'social')),
    description      TEXT NOT NULL,
    age_min          INTEGER NOT NULL,
    age_max          INTEGER NOT NULL,
    funding          TEXT NOT NULL CHECK (funding IN ('free', 'certificate')),
    status           TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'certified', 'expired')),
    certified_until  TEXT,                     -- inclusive, a date
    -- The terms the certification was given for (ages, each module's hours and prices), as
    -- text: an edit that changes them sends the program back to review.
    certified_terms  TEXT,
    reminded_at      TEXT,                     -- the 30-day reminder of the certification's end
    version          INTEGER NOT NULL DEFAULT 1,
    created_by       TEXT NOT NULL REFERENCES account (id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (age_min <= age_max),
    CHECK (status <> 'certified' OR certified_until IS NOT NULL)
);
CREATE INDEX program_organization ON program (organization_id, status);
CREATE INDEX program_review_queue ON program (status, municipality_id, updated_at);

CREATE TABLE program_module (
    id              TEXT PRIMARY KEY,
    program_id      TEXT NOT NULL REFERENCES program (id),
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    hours           INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 2000),
    price_per_month BIGINT NOT NULL CHECK (price_per_month >= 0),      -- kopecks
    normative_cost  BIGINT NOT NULL CHECK (normative_cost >= 0),       -- kopecks
    UNIQUE (program_id, position)
);

-- A group of a module: where and when it meets and how many seats it has. seats_taken moves
-- only by guarded updates (`… WHERE seats_taken < seats`), so seats are never oversold (R09).
CREATE TABLE program_group (
    id              TEXT PRIMARY KEY,
    module_id       TEXT NOT NULL REFERENCES program_module (id),
    program_id      TEXT NOT NULL REFERENCES program (id),
    title           TEXT NOT NULL,
    teacher         TEXT NOT NULL,
    schedule        TEXT NOT NULL,             -- «пн, ср 16:00–17:30», as the provider writes it
    days            INTEGER NOT NULL CHECK (days BETWEEN 0 AND 127),   -- Monday = 1, … Sunday = 64
    address         TEXT NOT NULL,
    lat_e6          INTEGER,                   -- microdegrees; NULL when not placed on the map
    lon_e6          INTEGER,
    seats           INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 200),
    seats_taken     INTEGER NOT NULL DEFAULT 0,
    starts_on       TEXT NOT NULL,
    ends_on         TEXT NOT NULL,
    enrollment_from TEXT NOT NULL,
    enrollment_to   TEXT NOT NULL,
    CHECK (seats_taken BETWEEN 0 AND seats),
    CHECK (starts_on <= ends_on),
    CHECK (enrollment_from <= enrollment_to AND enrollment_to <= ends_on)
);
CREATE INDEX program_group_program ON program_group (program_id);
CREATE INDEX program_group_module ON program_group (module_id);

CREATE TABLE program_photo (
    id           TEXT PRIMARY KEY,
    program_id   TEXT NOT NULL REFERENCES program (id),
    content_type TEXT NOT NULL,
    bytes        BYTEA NOT NULL,
    added_at     TEXT NOT NULL
);
CREATE INDEX program_photo_program ON program_photo (program_id, added_at);

-- Every decision about a program, with its author; never edited.
CREATE TABLE program_review (
    id          TEXT PRIMARY KEY,
    program_id  TEXT NOT NULL REFERENCES program (id),
    action      TEXT NOT NULL CHECK (action IN ('submit', 'certify', 'return', 'edit_terms', 'expire', 'remind')),
    account_id  TEXT REFERENCES account (id),  -- NULL for the system's own (expiry, reminder)
    valid_until TEXT,                          -- for 'certify'
    note        TEXT,
    at          TEXT NOT NULL
);
CREATE INDEX program_review_program ON program_review (program_id, at);

-- A review's checklist: each item passed or not, with the reviewer's reason.
CREATE TABLE program_review_item (
    review_id TEXT NOT NULL REFERENCES program_review (id),
    item      TEXT NOT NULL,
    passed    INTEGER NOT NULL CHECK (passed IN (0, 1)),
    reason    TEXT,
    PRIMARY KEY (review_id, item)
);

-- The catalog's change log (docs/SEARCH.md): a use case that changes what search sees bumps
-- the one version row (its row lock orders commits) and names the programs it changed; each
-- app server's poller re-reads those programs into its index.
CREATE TABLE catalog_version (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL
);
INSERT INTO catalog_version (id, seq) VALUES (1, 0);

CREATE TABLE catalog_change (
    seq        BIGINT NOT NULL,
    program_id TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (seq, program_id)
);
