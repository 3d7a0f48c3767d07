-- Articles, their passages, the terms the project's own analyser gives them, and the statistics
-- BM25+ needs. Terms are stored as `text[]` with their counts in a parallel `smallint[]`: a GIN
-- index over the array is the inverted index (candidates), the counts and lengths score them.

CREATE TABLE articles (
  number        bigint PRIMARY KEY,          -- order of ingestion: ties in ranking break by it, as in the embedded engine
  id            text NOT NULL UNIQUE,        -- the corpus id, exactly as written
  title         text NOT NULL,
  body          text NOT NULL,
  source        text NOT NULL,
  date          text NOT NULL,               -- as written
  day           text NOT NULL,               -- the calendar day of `date` (YYYY-MM-DD), for the date filters
  url           text,
  lang          text NOT NULL,
  author        text,
  file          text NOT NULL,
  meta          jsonb,
  content_hash  text NOT NULL,               -- an article whose hash is unchanged is not written again
  title_terms   text[] NOT NULL,             -- the title's index terms, sorted
  title_tfs     smallint[] NOT NULL,         -- the count of each (at most 255, as the embedded index keeps it)
  title_length  integer NOT NULL,            -- distinct words of the title (BM25 field length)
  passage_count integer NOT NULL
);
CREATE INDEX articles_title_terms ON articles USING gin (title_terms);
CREATE INDEX articles_source_day ON articles (source, day);

CREATE TABLE passages (
  id           bigint PRIMARY KEY,           -- in article order, then text order
  article      bigint NOT NULL REFERENCES articles (number) ON DELETE CASCADE,
  position     integer NOT NULL,             -- 0 for an article's opening passage
  start_offset integer NOT NULL,             -- character offsets in the article body
  end_offset   integer NOT NULL,
  text         text NOT NULL,                -- verbatim: body.slice(start_offset, end_offset)
  copy_key     bigint NOT NULL,              -- equal for syndicated copies (text with spacing collapsed)
  terms        text[] NOT NULL,
  tfs          smallint[] NOT NULL,
  length       integer NOT NULL,
  UNIQUE (article, position)
);
CREATE INDEX passages_terms ON passages USING gin (terms);

-- Passages holding each term, per field (a title term counts every passage of its article).
CREATE TABLE term_stats (
  term           text COLLATE "C" PRIMARY KEY,
  text_passages  bigint NOT NULL,
  title_passages bigint NOT NULL
);

-- Every character of an index term, for spelling variants of a question word the archive lacks.
CREATE TABLE term_chars (
  ch text COLLATE "C" PRIMARY KEY
);

-- Totals for idf and average field lengths (one row).
CREATE TABLE corpus_stats (
  singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  articles     bigint NOT NULL,
  passages     bigint NOT NULL,
  text_length  bigint NOT NULL,              -- sum of passage lengths
  title_length bigint NOT NULL               -- sum over passages of their article's title length
);
INSERT INTO corpus_stats VALUES (true, 0, 0, 0, 0);
