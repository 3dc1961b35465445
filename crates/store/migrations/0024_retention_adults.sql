-- Retention of adults' records and of consultations (docs/SECURITY.md, «Retention»).

-- When the account last signed in (a password, Госуслуги, an API token), or was made. NULL only
-- for the accounts made before this column, until housekeeping first sees them: their clock
-- starts then, never earlier, so nobody active is taken for gone by an upgrade.
ALTER TABLE account ADD COLUMN last_active_at TEXT;

-- When the texts and files of a closed consultation were removed; NULL while they are kept.
ALTER TABLE consultation ADD COLUMN removed_at TEXT;

-- What keeps an adult's record (`store::retention`), looked up per person.
CREATE INDEX consent_given_by ON consent (given_by);
CREATE INDEX staff_request_account ON staff_request (account_id);
