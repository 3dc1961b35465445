-- «Войти через Госуслуги»: logins in progress (state, nonce and PKCE verifier, kept in the
-- database so the callback may reach any app server), the external identities linked to
-- accounts, and near matches of children held for a person to resolve (R02).

CREATE TABLE oidc_login (
    state         TEXT PRIMARY KEY,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    next          TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE account_identity (
    provider   TEXT NOT NULL,                  -- 'esia'
    subject    TEXT NOT NULL,                  -- the provider's stable id of the person
    account_id TEXT NOT NULL REFERENCES account (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX account_identity_account ON account_identity (account_id);

CREATE TABLE possible_duplicate (
    id                  TEXT PRIMARY KEY,
    existing_person_id  TEXT NOT NULL REFERENCES person (id),
    claimed_last_name   TEXT NOT NULL,
    claimed_first_name  TEXT NOT NULL,
    claimed_middle_name TEXT,
    claimed_birth_date  TEXT,
    claimed_snils       TEXT,
    parent_person_id    TEXT REFERENCES person (id),  -- who claimed the child, to link once resolved
    source              TEXT NOT NULL,                 -- 'esia', 'import', 'claim'
    created_at          TEXT NOT NULL,
    resolved_at         TEXT
);
CREATE INDEX possible_duplicate_open ON possible_duplicate (resolved_at, created_at);
