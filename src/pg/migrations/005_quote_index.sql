-- The quotation index /whosaid, /quotes and speaker autocomplete query, so that a bot holds no
-- quotation in memory (it read every quotation at start and on every reload before).
--
-- Distinct quotation texts ("groups", as the embedded engine's TextGrouper makes them: the matching
-- words), numbered in order of first appearance; each quotation points at its group. Filled at
-- ingestion batch by batch (src/pg/quoteIndexWrite.ts); quotations stored before this migration are
-- grouped by the next ingestion run.
CREATE TABLE quote_groups (
  id          integer PRIMARY KEY,
  hash        bytea NOT NULL UNIQUE,       -- md5 of the matching words joined by spaces
  words       text[] NOT NULL,             -- the matching words, in order
  length      integer NOT NULL,            -- cardinality(words)
  first_day   text NOT NULL,               -- the earliest day of an article carrying it (ties in whosaid go to the earliest)
  quotations  integer NOT NULL             -- quotations carrying it; a group left with none is deleted
);

ALTER TABLE quotations ADD COLUMN grp integer, ADD COLUMN speaker_id integer;
CREATE INDEX quotations_grp ON quotations (grp);
CREATE INDEX quotations_ungrouped ON quotations (article, position) WHERE grp IS NULL;
CREATE INDEX quotations_speaker ON quotations (speaker_id, article, position);

-- Each matching word: the groups holding it (whosaid weighs words by it and reads the rarest first),
-- and its bucket (first two letters | length, in UTF-16 units) for typo-tolerant lookups.
CREATE TABLE quote_words (
  word    text COLLATE "C" PRIMARY KEY,
  groups  integer NOT NULL,
  bucket  text COLLATE "C" NOT NULL
);
CREATE INDEX quote_words_bucket ON quote_words (bucket);

-- Postings: a word's groups in blocks of 4,096 group numbers, ascending, with each group's length.
CREATE TABLE quote_postings (
  word     text COLLATE "C" NOT NULL,
  block    integer NOT NULL,               -- group number / 4096
  groups   integer[] NOT NULL,
  lengths  integer[] NOT NULL,
  PRIMARY KEY (word, block)
);

-- The totals whosaid's weights need, kept with the tables above.
CREATE TABLE quote_totals (
  groups      bigint NOT NULL,
  quotations  bigint NOT NULL
);
INSERT INTO quote_totals VALUES (0, 0);  -- quotations stored before this migration are counted when the next ingestion groups them

-- The speakers as the embedded engine clusters them (clusterSpeakers), numbered in its order:
-- recomputed over every quotation at the end of each ingestion run (quotations.speaker_id points here).
CREATE TABLE quote_speakers (
  id        integer PRIMARY KEY,
  name      text NOT NULL,
  quotes    integer NOT NULL,
  variants  text[] NOT NULL,               -- normalised keys of every name variant
  words     text[] NOT NULL                -- the words of the variants, each once
);
CREATE INDEX quote_speakers_variants ON quote_speakers USING gin (variants);
CREATE INDEX quote_speakers_words ON quote_speakers USING gin (words);

-- Quotations deleted (an article replaced or removed): their groups lose them, their earliest day
-- is read again, and groups left with none go, with their words' counts and postings.
CREATE FUNCTION quote_groups_forget() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  dead integer[];
  dead_words text[];
  dead_counts integer[];
BEGIN
  UPDATE quote_totals SET quotations = quotations - (SELECT count(*) FROM gone);
  UPDATE quote_groups g SET quotations = g.quotations - n.count
  FROM (SELECT grp, count(*) FROM gone WHERE grp IS NOT NULL GROUP BY grp) n WHERE g.id = n.grp;
  UPDATE quote_groups g SET first_day = (SELECT min(a.day) FROM quotations q JOIN articles a ON a.number = q.article WHERE q.grp = g.id)
  WHERE g.id IN (SELECT grp FROM gone) AND g.quotations > 0;
  SELECT array_agg(id) INTO dead FROM quote_groups WHERE id IN (SELECT grp FROM gone) AND quotations <= 0;
  IF dead IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT array_agg(w), array_agg(n) INTO dead_words, dead_counts
  FROM (SELECT w, count(*)::integer AS n FROM (SELECT DISTINCT g.id, w FROM quote_groups g, unnest(g.words) AS w WHERE g.id = ANY(dead)) x GROUP BY w) y;
  DELETE FROM quote_groups WHERE id = ANY(dead);
  UPDATE quote_totals SET groups = groups - cardinality(dead);
  UPDATE quote_words w SET groups = w.groups - d.n FROM unnest(dead_words, dead_counts) AS d(word, n) WHERE w.word = d.word;
  DELETE FROM quote_words WHERE word = ANY(dead_words) AND groups <= 0;
  UPDATE quote_postings p SET (groups, lengths) = (
    SELECT coalesce(array_agg(x.g ORDER BY x.o) FILTER (WHERE x.g <> ALL(dead)), '{}'), coalesce(array_agg(x.l ORDER BY x.o) FILTER (WHERE x.g <> ALL(dead)), '{}')
    FROM unnest(p.groups, p.lengths) WITH ORDINALITY AS x(g, l, o))
  WHERE p.word = ANY(dead_words) AND p.groups && dead;
  DELETE FROM quote_postings WHERE word = ANY(dead_words) AND cardinality(groups) = 0;
  RETURN NULL;
END
$$;

CREATE TRIGGER quotations_forget AFTER DELETE ON quotations REFERENCING OLD TABLE AS gone
FOR EACH STATEMENT EXECUTE FUNCTION quote_groups_forget();
