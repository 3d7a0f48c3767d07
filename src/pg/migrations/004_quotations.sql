-- Quotations and article titles as /whosaid, /quotes and /summary read them.
--
-- Quotations as the engine's own quotation reader finds them at ingestion (the same rows the
-- embedded build keeps): /whosaid, /quotes and the speakers list are answered from them, and each
-- passage keeps the speaker of the quotation overlapping it most (the speaker on /ask passages).
-- Articles ingested before this migration get theirs when ingested again (the analysis version in
-- their content hash changed, so the next ingestion rewrites them).

CREATE TABLE quotations (
  article       bigint NOT NULL REFERENCES articles (number) ON DELETE CASCADE,
  position      integer NOT NULL,            -- order of the quotation in the article, as the reader gives it
  start_offset  integer NOT NULL,            -- character offsets in the article body
  end_offset    integer NOT NULL,
  text          text NOT NULL,               -- verbatim: body.slice(start_offset, end_offset)
  flags         smallint NOT NULL,           -- direct, denial and named, packed as the archive cache packs them
  speaker       text,
  speaker_title text,
  matching      text,                        -- the words whosaid matches, joined by spaces (null: made from the text)
  PRIMARY KEY (article, position)
);

ALTER TABLE passages ADD COLUMN speaker text;

-- An article's title as /summary article: resolves it (the embedded engine's keys): the title
-- normalised with its spacing collapsed (equal to what is typed), and title and id normalised (holding it).
ALTER TABLE articles ADD COLUMN title_same text, ADD COLUMN title_key text;
