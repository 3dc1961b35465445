-- Tokens for an organization's own systems, issued by its admin: they act as the
-- organization's staff and nothing more, until revoked.
ALTER TABLE api_token ADD COLUMN organization_id TEXT REFERENCES organization (id);
CREATE INDEX api_token_organization ON api_token (organization_id);
