-- Each quotation group counted its quotations (`quote_groups.quotations`) only so that deleting
-- quotations could tell when a group had none left. Keeping the count cost every ingestion batch an
-- update of every group its quotations joined: 1.04M row updates, 19 s of a 300k-article run, each
-- a new version of a row holding the group's words. The deletion trigger now asks the quotations
-- themselves (through `quotations_grp`) whether a group it touched still has one, and ingestion
-- updates a group only when a quotation earlier than its `first_day` joins it.
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

ALTER TABLE quote_groups DROP COLUMN quotations;
