-- Consultations (issue 7): an organization asks the municipal support centre (МОЦ) a question
-- from its cabinet; the operator answers; both see the thread and its status.
CREATE TABLE consultation (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organization (id),
    -- The organization's municipality when asked: its operators answer.
    municipality_id TEXT NOT NULL REFERENCES municipality (id),
    topic           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'answered', 'closed')),
    created_by      TEXT NOT NULL REFERENCES account (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX consultation_organization ON consultation (organization_id, updated_at);
CREATE INDEX consultation_municipality ON consultation (municipality_id, status, updated_at);

-- A message of a thread; never edited.
CREATE TABLE consultation_message (
    id              TEXT PRIMARY KEY,
    consultation_id TEXT NOT NULL REFERENCES consultation (id),
    author_id       TEXT NOT NULL REFERENCES account (id),
    from_operator   INTEGER NOT NULL CHECK (from_operator IN (0, 1)),
    text            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX consultation_message_thread ON consultation_message (consultation_id, created_at);

-- An attachment of a message; its type was read from its bytes.
CREATE TABLE consultation_file (
    id           TEXT PRIMARY KEY,
    message_id   TEXT NOT NULL REFERENCES consultation_message (id),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    bytes        BYTEA NOT NULL
);
CREATE INDEX consultation_file_message ON consultation_file (message_id);
