-- A pupils file between its preview and its commit. Held in the database, not in a server's
-- memory, so the confirmation may reach any app server. The checked rows are JSON.
CREATE TABLE import_batch (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organization (id),
    created_by      TEXT NOT NULL REFERENCES account (id),
    file_name       TEXT NOT NULL,
    row_count       INTEGER NOT NULL,
    rows_json       TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('preview', 'committed')),
    created_at      TEXT NOT NULL,
    committed_at    TEXT
);
CREATE INDEX import_batch_organization ON import_batch (organization_id, created_at);
