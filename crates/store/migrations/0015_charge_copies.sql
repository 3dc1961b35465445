-- A month's billing writes a million charges in about a minute (BENCHMARKS.md). A charge's
-- organization and certificate are copies of its application's, kept for the invoices; they
-- are checked by `dopcert verify` (`charge_copy`) instead of by two foreign keys, which cost a
-- lookup and a row lock each per charge. The application, the run and the ledger entry keep
-- theirs. SQLite cannot drop a constraint: the table is rebuilt, the same way on both engines.
CREATE TABLE billing_charge_rebuilt (
    application_id  TEXT NOT NULL REFERENCES application (id),
    month           TEXT NOT NULL,
    run_id          TEXT NOT NULL REFERENCES billing_run (id),
    organization_id TEXT NOT NULL,
    certificate_id  TEXT,
    days            INTEGER NOT NULL,
    of_days         INTEGER NOT NULL,
    lessons         INTEGER,
    attended        INTEGER,
    amount          BIGINT NOT NULL CHECK (amount >= 0),
    entry_id        TEXT REFERENCES ledger_entry (id),
    PRIMARY KEY (application_id, month)
);
INSERT INTO billing_charge_rebuilt (application_id, month, run_id, organization_id, certificate_id, days, of_days,
                                    lessons, attended, amount, entry_id)
SELECT application_id, month, run_id, organization_id, certificate_id, days, of_days, lessons, attended, amount,
       entry_id
FROM billing_charge;
DROP TABLE billing_charge;
ALTER TABLE billing_charge_rebuilt RENAME TO billing_charge;
CREATE INDEX billing_charge_invoice ON billing_charge (run_id, organization_id);
