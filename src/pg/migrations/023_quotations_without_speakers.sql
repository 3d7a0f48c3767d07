-- What migration 021 moved to `quotation_speakers`: the quotations' speaker and listing mark, and
-- the listing index over them. Dropping them holds the quotations table only for this instant
-- transaction (no rewrite). A database that applied 021 when it dropped them itself has nothing left here.
DROP INDEX IF EXISTS quotations_listing;
ALTER TABLE quotations DROP COLUMN IF EXISTS speaker_id, DROP COLUMN IF EXISTS hidden;
