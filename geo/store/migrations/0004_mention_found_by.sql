-- Schema version 4: a mention keeps which finder proposed it: 'rules' (the gazetteer and
-- lexicon rules; every curated mention and every mention stored before this version), 'ner'
-- (only the statistical named-entity model) or 'rules+ner' (both, with the same span).
ALTER TABLE mentions ADD COLUMN found_by TEXT NOT NULL DEFAULT 'rules';
