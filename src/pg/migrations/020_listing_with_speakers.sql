-- The listing index held every quotation not hidden, those without a speaker too: each quotation
-- from its COPY until clustering gives it a speaker, and those never given one. So ingestion put
-- every quotation in it twice (when written, then again when given its speaker: a new row version),
-- and the first entry was never read. Its queries ask for one speaker (`speaker_id = $1`), which
-- the planner knows excludes NULL, so they read it as before. Built beside the old index, which
-- goes last: the table is locked against reads only for the drop.
CREATE INDEX quotations_listing_speakers ON quotations (speaker_id, day DESC, start_offset, article, end_offset DESC, position)
  WHERE NOT hidden AND speaker_id IS NOT NULL;
DROP INDEX quotations_listing;
ALTER INDEX quotations_listing_speakers RENAME TO quotations_listing;
