-- Each passage's and each title's terms as one compact value: the terms' 48-bit keys and counts,
-- sorted by key (src/pg/termKeys.ts), with the field's length. /ask reads them for its candidates
-- and finds the counts of its commoner terms by binary search in the bot, instead of the server
-- unnesting every candidate's `terms` array (most of a question's time at 1M articles). Narrow
-- tables of their own, so the rows a question reads stay in memory beside the wide passages.
-- `npm run db:migrate` fills them for the articles already stored (src/pg/termKeysFill.ts).

CREATE TABLE passage_keys (
  id     bigint PRIMARY KEY REFERENCES passages (id) ON DELETE CASCADE,
  length integer NOT NULL,
  keys   bytea NOT NULL
);

CREATE TABLE article_keys (
  number bigint PRIMARY KEY REFERENCES articles (number) ON DELETE CASCADE,
  length integer NOT NULL,                   -- the title's length
  keys   bytea NOT NULL
);
