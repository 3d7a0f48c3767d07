-- The postings as packed bytes only: the arrays (`passages`, `articles`, `tfs`, `lengths`, and the
-- titles' `first_passages` and `passage_counts`) were 22.8 bytes a posting at 300k articles where
-- `packed` takes 3.7, 1.78 GB of `text_postings`' 2.07 GB of row data, and the largest part of
-- every ingestion batch the server parsed (COPY of 623,110 rows for 30k articles: 6-8 s of the
-- server's 18-26). What only the arrays held is packed in a second column in the same code
-- (src/pg/packedPostings.ts, `packColumns`): each text posting's article, as the distance from the
-- previous posting's (from 0 for the first), and each title posting's article's first passage,
-- likewise, and its passage count. Questions read `packed` as before; deletions, merges and the
-- rare terms' candidates unpack both columns in the bot. Each table is rewritten once here.

-- Ascending numbers packed as distances from the previous (from 0 for the first).
CREATE FUNCTION pack_ascending(numbers bigint[]) RETURNS bytea IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
  SELECT coalesce(string_agg(pack_number(u.n - coalesce(u.previous, 0)), ''::bytea ORDER BY u.o), ''::bytea)
  FROM (SELECT x.n, x.o, lag(x.n) OVER (ORDER BY x.o) AS previous FROM unnest(numbers) WITH ORDINALITY AS x(n, o)) AS u
$$;

-- Each article's first passage (ascending, as distances) and passage count, posting after posting.
CREATE FUNCTION pack_passage_runs(firsts bigint[], counts integer[]) RETURNS bytea IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
  SELECT coalesce(string_agg(pack_number(u.first - coalesce(u.previous, 0)) || pack_number(u.count), ''::bytea ORDER BY u.o), ''::bytea)
  FROM (SELECT x.first, x.count, x.o, lag(x.first) OVER (ORDER BY x.o) AS previous FROM unnest(firsts, counts) WITH ORDINALITY AS x(first, count, o)) AS u
$$;

-- One statement a table: the column changing type rewrites the table once, without the dropped
-- columns, and stores the new values uncompressed (a type change resets the column's storage; set
-- in the same statement, it applies to the rows rewritten).
ALTER TABLE text_postings
  ALTER COLUMN articles TYPE bytea USING pack_ascending(articles),
  ALTER COLUMN articles SET STORAGE EXTERNAL,
  DROP COLUMN passages,
  DROP COLUMN tfs,
  DROP COLUMN lengths;
ALTER TABLE text_postings RENAME COLUMN articles TO packed_articles;

ALTER TABLE title_postings
  ALTER COLUMN first_passages TYPE bytea USING pack_passage_runs(first_passages, passage_counts),
  ALTER COLUMN first_passages SET STORAGE EXTERNAL,
  DROP COLUMN articles,
  DROP COLUMN tfs,
  DROP COLUMN lengths,
  DROP COLUMN passage_counts;
ALTER TABLE title_postings RENAME COLUMN first_passages TO packed_passages;

-- What only the merge of the arrays used (it joins packed bytes in the bot now).
DROP AGGREGATE array_cat_agg(anycompatiblearray);
DROP FUNCTION packed_number_length(integer);
