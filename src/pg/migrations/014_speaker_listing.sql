-- /quotes pages through a speaker's quotations in the order the embedded engine lists them
-- (`speakerListing`): newest day first, a day's quotations by start across its articles, ties by
-- article, the longer (at one start, the later end) first, then by position. Until now each page read and ordered all of the
-- speaker's quotations, looking up each one's day: 1.0-2.5 s a page for the 105,680 of the most
-- quoted speaker at 1M articles. Each quotation now holds its article's day, and whether its
-- listing leaves it out (`hidden`: inside a fuller quotation of the same speaker in its article,
-- or repeating one's words; `keptInArticle`), so a page is a range of the index below, read
-- from the index alone up to the page.
-- Ingestion writes the day; `hidden` is set when the speakers are clustered (src/pg/speakerListing.ts),
-- and for the quotations stored before this migration by its data step, for articles quoting one
-- speaker more than once (the only ones where a quotation can be left out).
ALTER TABLE quotations ADD COLUMN day text COLLATE "C", ADD COLUMN hidden boolean NOT NULL DEFAULT false;
UPDATE quotations q SET day = a.day FROM articles a WHERE a.number = q.article;
ALTER TABLE quotations ALTER COLUMN day SET NOT NULL;
CREATE INDEX quotations_listing ON quotations (speaker_id, day DESC, start_offset, article, end_offset DESC, position) WHERE NOT hidden;
-- The listing's statement read a speaker's quotations through this one; nothing else does.
DROP INDEX quotations_speaker;
