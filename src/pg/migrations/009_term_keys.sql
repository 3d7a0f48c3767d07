-- Each passage's terms, and its article's title terms, as compact values: the terms' 48-bit keys
-- and counts, sorted by key (src/pg/termKeys.ts), with the fields' lengths. /ask reads one row for
-- each of its candidates and finds the counts of its commoner terms in both fields by binary
-- search in the bot, instead of the server unnesting every candidate's `terms` and its article's
-- `title_terms` arrays (most of a question's time at 1M articles). A narrow table of its own, so
-- the rows a question reads stay in memory beside the wide passages. `npm run db:migrate` fills it
-- for the articles already stored (src/pg/termKeysFill.ts); ingestion writes it with the passages.

CREATE TABLE passage_keys (
  id           bigint PRIMARY KEY REFERENCES passages (id) ON DELETE CASCADE,
  length       integer NOT NULL,             -- the passage's length, as in passages
  keys         bytea NOT NULL,
  title_length integer NOT NULL,             -- its article's title length, as in articles
  title_keys   bytea NOT NULL
);
