-- Retention (docs/SECURITY.md): a child's record no longer needed is anonymized in place
-- (`store::retention::anonymize`), not deleted, so the money records that point at it stay
-- whole. When that was done; NULL for every record still kept.
ALTER TABLE person ADD COLUMN anonymized_at TEXT;
