-- Schema version 6: an event's version, counted up by every change an analyst (or a refresh
-- of the curated data) makes to it. Saving a review names the version the analyst opened; a
-- save against an older one is refused ("changed by someone else since you opened it;
-- reload"), so two analysts editing the same event never lose an update.
ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
