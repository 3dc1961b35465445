-- The back office's dashboard (issue 7).
--
-- Money by month is read from the ledger, whose entries are only ever added. Summing millions
-- of postings for every look at the dashboard would take seconds, so the ledger is summed by
-- windows: a window is the UTC hour in which its entries were written, told by their ids
-- (UUID v7 carry the moment they were made, so a new entry always falls into the current hour's
-- window). A window is summed per municipality (the certificate's), Moscow month of the
-- entry's `created_at` and reason, together with its count of entries, in one statement; it is
-- summed again only when the count of entries in it has changed. Written by
-- `app::dashboard::refresh`; a cache of the ledger, never a source of money.
CREATE TABLE dashboard_ledger_window (
    starts    TEXT PRIMARY KEY,             -- 'YYYY-MM-DDTHH', UTC, of the entries' ids
    entries   BIGINT NOT NULL,              -- entries in the window when it was summed
    summed_at TEXT NOT NULL
);

CREATE TABLE dashboard_ledger_flow (
    starts          TEXT NOT NULL,          -- the window
    municipality_id TEXT NOT NULL,          -- the certificate's
    month           TEXT NOT NULL,          -- 'YYYY-MM', Moscow, of the entries' created_at
    reason          TEXT NOT NULL,          -- the entries' reason (nominal, hold, charge, …)
    amount          BIGINT NOT NULL,        -- what moved, reversals subtracted
    PRIMARY KEY (starts, municipality_id, month, reason)
);

-- Children are counted from `person (municipality_id, birth_date)` alone; the few persons merged
-- into another (R02) are subtracted through this small index instead of reading every row.
CREATE INDEX person_merged ON person (municipality_id, birth_date) WHERE merged_into IS NOT NULL;

-- Certificates are counted from `certificate (municipality_id, issued_at)` alone; the closed
-- ones, with the moment each was closed, through this small index.
CREATE INDEX certificate_closed ON certificate (municipality_id) WHERE status = 'closed';
