-- Each quotation's speaker (its cluster) and its place in that speaker's listing, in a narrow table
-- of their own. They were columns of `quotations`, set by an UPDATE when the speakers are
-- clustered: a new version of each wide row (its text, matching words, speaker name), entered again
-- in each of its indexes, for every quotation a run gives a speaker (1,110,106 rows, 24 s of the
-- server's time, a run of 300k articles). Clustering now writes these rows by COPY (those of the
-- articles where a speaker changed, deleted first). Quotations without a speaker have no row here.
CREATE TABLE quotation_speakers (
  article       bigint NOT NULL,
  position      integer NOT NULL,
  speaker_id    integer NOT NULL,              -- quote_speakers.id
  day           text COLLATE "C" NOT NULL,     -- the quotation's article's day, as `quotations.day`
  start_offset  integer NOT NULL,
  end_offset    integer NOT NULL,
  hidden        boolean NOT NULL DEFAULT false, -- left out of the speaker's listing (src/pg/speakerListing.ts)
  PRIMARY KEY (article, position)
);
INSERT INTO quotation_speakers (article, position, speaker_id, day, start_offset, end_offset, hidden)
  SELECT article, position, speaker_id, day, start_offset, end_offset, hidden FROM quotations WHERE speaker_id IS NOT NULL;
-- /quotes pages through a speaker's listing as a range of this index (see migration 014).
CREATE INDEX quotation_speakers_listing ON quotation_speakers (speaker_id, day DESC, start_offset, article, end_offset DESC, position) WHERE NOT hidden;
-- The columns and index it replaces go in migration 023, a transaction of its own: dropping them
-- holds the quotations table, which the copy above and the data step (marking the listings of a
-- database that had none) only read.
