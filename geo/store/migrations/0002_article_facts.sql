-- Schema version 2: articles keep how their date was established and what cleaning dropped,
-- so the database holds everything `geo build` writes to articles.csv (one source of truth).
-- Applied in one transaction by geo.store.sqlite.Store when it opens a version-1 database.
ALTER TABLE articles ADD COLUMN date_evidence TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN date_reasoning TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN dropped_lines TEXT NOT NULL DEFAULT '[]';
-- Curated articles filled before this version lack these facts: make the next
-- `python -m geo db refresh` (or the app's next run) re-read the bundled data.
UPDATE meta SET value = 'migrated-to-2' WHERE key = 'seeded_fingerprint';
