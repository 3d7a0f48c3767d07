-- A quotation group's matching words stored as one text, joined by spaces (as `groupQuotations`
-- has them: no word holds a space), instead of a text array. Every reader takes the words whole or
-- splits them (whosaid's fetch splits them in the bot, the deletion trigger with `string_to_array`,
-- and the search for a word sequence looks inside the text as it was made for it), while each array
-- cost the ingestion its elements one by one: sent and received as a binary array, 3M elements for
-- a fresh 30k archive. Measured on a fresh 30k archive, alternated: `COPY quote_groups` 1.36-1.56 s
-- of statement time before, 0.75-0.86 s after. Rewrites the table, in a time that follows the
-- groups (about 5 us each): 0.66 s at 30k articles (122k groups), 0.5 s on the benchmark's 1M
-- archive (145k groups: its quotations repeat their texts), about 20 s for 4M distinct texts.
ALTER TABLE quote_groups ALTER COLUMN words TYPE text USING array_to_string(words, ' ');
ALTER TABLE quote_groups ALTER COLUMN words SET STATISTICS 0;

CREATE OR REPLACE FUNCTION quote_groups_forget() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  dead integer[];
  dead_words text[];
  dead_counts integer[];
BEGIN
  -- One grouping at a time, as ingestion groups (`groupQuotations`): no group is found dead here
  -- while another transaction adds a quotation to it. Readers are not blocked.
  LOCK TABLE quote_groups IN SHARE ROW EXCLUSIVE MODE;
  UPDATE quote_totals SET quotations = quotations - (SELECT count(*) FROM gone);
  -- The groups the deleted quotations were in: those with a quotation left get their earliest day
  -- again, the others are dead.
  UPDATE quote_groups g SET first_day = d.day
  FROM (SELECT q.grp, min(a.day) AS day FROM quotations q JOIN articles a ON a.number = q.article
        WHERE q.grp IN (SELECT grp FROM gone) GROUP BY q.grp) AS d
  WHERE g.id = d.grp;
  SELECT array_agg(t.grp) INTO dead FROM (SELECT DISTINCT grp FROM gone WHERE grp IS NOT NULL) AS t
  WHERE NOT EXISTS (SELECT 1 FROM quotations q WHERE q.grp = t.grp);
  IF dead IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT array_agg(w), array_agg(n) INTO dead_words, dead_counts
  FROM (SELECT w, count(*)::integer AS n FROM (SELECT DISTINCT g.id, w FROM quote_groups g, unnest(string_to_array(g.words, ' ')) AS w WHERE g.id = ANY(dead)) x GROUP BY w) y;
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
