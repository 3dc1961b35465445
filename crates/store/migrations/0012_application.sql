-- Applications to a group (R08, R09): the seat is taken (`program_group.seats_taken`, guarded)
-- and the contract's money held (a ledger entry) in the same transaction as the row is written.
CREATE TABLE application (
    id                TEXT PRIMARY KEY,
    group_id          TEXT NOT NULL REFERENCES program_group (id),
    program_id        TEXT NOT NULL REFERENCES program (id),
    child_id          TEXT NOT NULL REFERENCES person (id),
    certificate_id    TEXT REFERENCES certificate (id),
    status            TEXT NOT NULL CHECK (status IN ('waitlisted', 'offered', 'pending', 'enrolled', 'rejected',
                                                      'withdrawn', 'offer_lapsed', 'ended')),
    applied_by        TEXT NOT NULL REFERENCES account (id),
    starts_on         TEXT NOT NULL,           -- the contract's dates
    ends_on           TEXT NOT NULL,
    price_per_month   BIGINT NOT NULL CHECK (price_per_month >= 0),
    covered_per_month BIGINT NOT NULL CHECK (covered_per_month >= 0),
    hold              BIGINT NOT NULL CHECK (hold >= 0),  -- held on the certificate while the seat is
    reason            TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
-- One live application per child and group: applying twice is caught by the database.
CREATE UNIQUE INDEX application_one_live ON application (group_id, child_id)
    WHERE status IN ('waitlisted', 'offered', 'pending', 'enrolled');
-- The waitlist in order of applying.
CREATE INDEX application_group ON application (group_id, status, created_at);
CREATE INDEX application_child ON application (child_id);
