-- Notifications (issue 9): what happened that a person should know — a certificate issued, an
-- application accepted or rejected, a seat offered from the waitlist, a contract ending, a new
-- one-time password — in the cabinet, and by e-mail if the person wants it.
--
-- The use case that causes the event writes the notification and its e-mail (the outbox row)
-- in its own transaction: nothing half-written, nothing lost when a server dies. Each server's
-- sender (`app::mail`) claims due rows of the outbox by a guarded update, sends them over SMTP
-- and records the outcome; a claim is a lease, so rows a killed server left are sent after it.

-- One row per recipient account and event; `event_key` says what happened (e.g.
-- 'contract_ending:<application>'), so the same event never notifies an account twice.
CREATE TABLE notification (
    id         TEXT PRIMARY KEY,            -- UUID v7: the newest has the greatest id
    account_id TEXT NOT NULL REFERENCES account (id),
    kind       TEXT NOT NULL CHECK (kind IN ('certificate_issued', 'application_accepted',
                                             'application_rejected', 'waitlist_offer',
                                             'contract_ending', 'password_reissued')),
    event_key  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,               -- plain Russian, no SNILS or birth date
    link       TEXT NOT NULL,               -- a path of the site: '/applications'
    created_at TEXT NOT NULL,
    read_at    TEXT,
    UNIQUE (account_id, event_key)
);
CREATE INDEX notification_account ON notification (account_id, id);
CREATE INDEX notification_created ON notification (created_at);

-- The kinds a person does not want by e-mail (in the cabinet every kind is always shown); no
-- row: by e-mail too (the default).
CREATE TABLE notification_optout (
    account_id TEXT NOT NULL REFERENCES account (id),
    kind       TEXT NOT NULL,
    PRIMARY KEY (account_id, kind)
);

-- The e-mails to send: one per notification at most, to the address the person had then.
CREATE TABLE mail_outbox (
    id              TEXT PRIMARY KEY,        -- UUID v7; also the Message-ID's left part
    notification_id TEXT NOT NULL UNIQUE REFERENCES notification (id),
    to_address      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,           -- queued: not before; sending: the lease's end
    claimed_by      TEXT,                    -- the claim's random token
    last_error      TEXT,                    -- the SMTP error, without the address
    sent_at         TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);

-- Contracts whose families were told that they end soon (housekeeping, once per contract,
-- whoever was there to tell): the primary key decides between servers.
CREATE TABLE contract_notice (
    application_id TEXT PRIMARY KEY REFERENCES application (id),
    created_at     TEXT NOT NULL
);
CREATE INDEX application_status_ends ON application (status, ends_on);
