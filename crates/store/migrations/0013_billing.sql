-- Enrollment and money, the rest of issue 6: offers from the waitlist, lotteries, leaving,
-- attendance sheets, monthly billing runs with their charges and invoices, reversals, and the
-- closing of a period.

-- The family accepted the contract (оферта) online when it applied; an offered seat is kept
-- until `offer_until`; a lottery's draw ranks its applicants; who decided and when.
ALTER TABLE application ADD COLUMN contract_accepted_at TEXT;
ALTER TABLE application ADD COLUMN offer_until TEXT;
ALTER TABLE application ADD COLUMN draw_rank INTEGER;
ALTER TABLE application ADD COLUMN decided_by TEXT REFERENCES account (id);
ALTER TABLE application ADD COLUMN decided_at TEXT;
-- Lapsed offers are found by their deadline.
CREATE INDEX application_offer ON application (status, offer_until);
-- Billing reads the contracts of a month in id order.
CREATE INDEX application_billing ON application (status, id);

-- A group in lottery mode collects applications until `lottery_until` (a Moscow date, inclusive),
-- then draws. The seed's SHA-256 is shown from the start; the seed itself with the result, so
-- anyone can check that it was not chosen after the fact and re-run the draw.
ALTER TABLE program_group ADD COLUMN lottery_until TEXT;
ALTER TABLE program_group ADD COLUMN lottery_seed TEXT;
ALTER TABLE program_group ADD COLUMN lottery_commitment TEXT;
ALTER TABLE program_group ADD COLUMN lottery_drawn_at TEXT;
-- Seats filled outside the certificate (children enrolled directly): part of `seats_taken`, so
-- that `seats_taken = seats_outside + the applications holding a seat` can be checked.
ALTER TABLE program_group ADD COLUMN seats_outside INTEGER NOT NULL DEFAULT 0;

-- A monthly attendance sheet of a group: lessons held in the month and, per enrolled child,
-- lessons attended. Where a sheet exists, the month is charged in proportion to attendance.
CREATE TABLE attendance_sheet (
    group_id   TEXT NOT NULL REFERENCES program_group (id),
    month      TEXT NOT NULL,                  -- 'YYYY-MM'
    lessons    INTEGER NOT NULL CHECK (lessons BETWEEN 1 AND 62),
    updated_by TEXT NOT NULL REFERENCES account (id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (group_id, month)
);
CREATE TABLE attendance_mark (
    application_id TEXT NOT NULL REFERENCES application (id),
    month          TEXT NOT NULL,
    attended       INTEGER NOT NULL CHECK (attended BETWEEN 0 AND 62),
    PRIMARY KEY (application_id, month)
);

-- A billing run charges one month. `running` is 1 while it runs and NULL after: the unique
-- index lets one run at a time exist across all app servers. `cursor` is the last application
-- charged; a run killed midway resumes after it (the charges' keys make a repeat harmless).
CREATE TABLE billing_run (
    id           TEXT PRIMARY KEY,
    month        TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('running', 'done')),
    running      INTEGER UNIQUE CHECK (running = 1),
    cursor       TEXT NOT NULL DEFAULT '',
    started_by   TEXT REFERENCES account (id),
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL,
    finished_at  TEXT,
    charged      BIGINT NOT NULL DEFAULT 0,
    total        BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX billing_run_month ON billing_run (month, started_at);

-- One charge per contract and month (the primary key: a month is never charged twice).
CREATE TABLE billing_charge (
    application_id  TEXT NOT NULL REFERENCES application (id),
    month           TEXT NOT NULL,
    run_id          TEXT NOT NULL REFERENCES billing_run (id),
    organization_id TEXT NOT NULL REFERENCES organization (id),
    certificate_id  TEXT REFERENCES certificate (id),
    days            INTEGER NOT NULL,
    of_days         INTEGER NOT NULL,
    lessons         INTEGER,
    attended        INTEGER,
    amount          BIGINT NOT NULL CHECK (amount >= 0),
    entry_id        TEXT REFERENCES ledger_entry (id),
    PRIMARY KEY (application_id, month)
);
CREATE INDEX billing_charge_invoice ON billing_charge (run_id, organization_id);

-- One invoice per provider per run: issued → approved by the municipal operator → exported as
-- a payment order.
CREATE TABLE invoice (
    id              TEXT PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    run_id          TEXT NOT NULL REFERENCES billing_run (id),
    organization_id TEXT NOT NULL REFERENCES organization (id),
    municipality_id TEXT NOT NULL REFERENCES municipality (id),
    month           TEXT NOT NULL,
    charges         INTEGER NOT NULL,
    total           BIGINT NOT NULL CHECK (total >= 0),
    status          TEXT NOT NULL CHECK (status IN ('issued', 'approved', 'exported')),
    approved_by     TEXT REFERENCES account (id),
    approved_at     TEXT,
    exported_at     TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (run_id, organization_id)
);
CREATE INDEX invoice_municipality ON invoice (municipality_id, status, month);
CREATE INDEX invoice_organization ON invoice (organization_id, month);

-- What caused an entry (e.g. 'application:<id>', 'billing:<run>') and who made it.
ALTER TABLE ledger_entry ADD COLUMN cause TEXT;
ALTER TABLE ledger_entry ADD COLUMN author_id TEXT REFERENCES account (id);
-- A correction never edits history: a reversal entry (the same accounts, amounts negated —
-- «красное сторно») with its reason and author; an entry is reversed at most once.
CREATE TABLE ledger_reversal (
    entry_id   TEXT PRIMARY KEY REFERENCES ledger_entry (id),
    reverses   TEXT NOT NULL UNIQUE REFERENCES ledger_entry (id),
    why        TEXT NOT NULL,
    author_id  TEXT NOT NULL REFERENCES account (id),
    created_at TEXT NOT NULL
);

-- A period's end: what is left on its certificates expired (R10).
ALTER TABLE period ADD COLUMN closed_at TEXT;
