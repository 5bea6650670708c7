-- Schema version 3: a claim keeps its whole reading (the DistanceClaimText fields and whether
-- the stated direction held) as JSON, so reading the database never re-parses article text or
-- matches a verdict's wording. Older rows keep '' and are read from their columns.
ALTER TABLE claims ADD COLUMN claim_json TEXT NOT NULL DEFAULT '';
-- Re-write the curated claims with their record at the next refresh.
UPDATE meta SET value = 'migrated-to-3' WHERE key = 'seeded_fingerprint';
