-- Schema version 5: the analyst's review of distance claims. A claim can be dismissed (kept,
-- hidden from the map and tables, listed as dismissed in the review), and a claim the machine
-- missed is stored with origin 'analyst'; both survive re-measuring the article.
ALTER TABLE claims ADD COLUMN dismissed INTEGER NOT NULL DEFAULT 0;
