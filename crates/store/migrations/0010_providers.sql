-- The registry of providers: who applied for it, every decision about a provider, and how
-- staff join an organization (an invitation by its admin, then the admin's approval).

ALTER TABLE organization ADD COLUMN head_name TEXT;

-- Every change of a provider's place in the registry, with its author and reason; never edited.
CREATE TABLE provider_event (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organization (id),
    action          TEXT NOT NULL CHECK (action IN ('applied', 'verified', 'activated', 'suspended', 'resumed', 'details')),
    reason          TEXT,
    account_id      TEXT REFERENCES account (id),   -- NULL for a public application
    at              TEXT NOT NULL
);
CREATE INDEX provider_event_organization ON provider_event (organization_id, at);

-- An invitation code an organization's admin gives a new colleague; used once, within 7 days.
CREATE TABLE staff_invitation (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organization (id),
    code_hash       TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,                  -- whom it is for, as the admin wrote it
    created_by      TEXT NOT NULL REFERENCES account (id),
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    used_by         TEXT REFERENCES account (id),
    used_at         TEXT
);
CREATE INDEX staff_invitation_organization ON staff_invitation (organization_id, created_at);

-- A colleague who used an invitation waits for the admin's approval before the staff role is
-- granted. One pending request per person and organization.
CREATE TABLE staff_request (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organization (id),
    account_id      TEXT NOT NULL REFERENCES account (id),
    invitation_id   TEXT NOT NULL REFERENCES staff_invitation (id),
    status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reason          TEXT,
    decided_by      TEXT REFERENCES account (id),
    decided_at      TEXT,
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX staff_request_pending ON staff_request (organization_id, account_id) WHERE status = 'pending';
