-- Postings tables, clustered by term: /ask reads the postings of its rarest terms in one index
-- range each, and looks the commoner terms up for those candidates only, as the embedded planner
-- does. They replace the GIN indexes over the term arrays, which made every question scan and
-- unpack whole rows. A row holds one term's postings in one block of documents (an ingestion
-- batch) as parallel arrays in document order: a batch writes one row per distinct term instead of
-- one per posting, and a question reads a few rows per term. The term arrays stay on the
-- passages and articles: a replaced article's old terms are read from them to update the
-- statistics and take its postings out.

-- Passage text: the passages holding the term in the block, with their article, count and length.
CREATE TABLE text_postings (
  term     text COLLATE "C" NOT NULL,
  block    bigint NOT NULL,              -- the block's first passage number
  found    integer NOT NULL,             -- passages in the row (the length of each array)
  passages bigint[] NOT NULL,
  articles bigint[] NOT NULL,
  tfs      smallint[] NOT NULL,
  lengths  integer[] NOT NULL,
  PRIMARY KEY (term, block)
);

-- Titles: the articles holding the term in the block, with the count, the title's length and the
-- article's passages (numbered first_passage .. first_passage + passage_count - 1), each of which
-- the title term counts for.
CREATE TABLE title_postings (
  term           text COLLATE "C" NOT NULL,
  block          bigint NOT NULL,        -- the block's first article number
  found          integer NOT NULL,       -- passages the row's title terms count for (the sum of passage_counts)
  articles       bigint[] NOT NULL,
  tfs            smallint[] NOT NULL,
  lengths        integer[] NOT NULL,
  first_passages bigint[] NOT NULL,
  passage_counts integer[] NOT NULL,
  PRIMARY KEY (term, block)
);

-- Articles ingested before this migration, in blocks of 4,096 numbers.
INSERT INTO text_postings (term, block, found, passages, articles, tfs, lengths)
SELECT t.term, min(p.id), count(*), array_agg(p.id ORDER BY p.id), array_agg(p.article ORDER BY p.id), array_agg(t.tf ORDER BY p.id), array_agg(p.length ORDER BY p.id)
FROM passages p, unnest(p.terms, p.tfs) AS t(term, tf)
GROUP BY t.term, p.id / 4096;

INSERT INTO title_postings (term, block, found, articles, tfs, lengths, first_passages, passage_counts)
SELECT t.term, min(a.number), sum(a.passage_count), array_agg(a.number ORDER BY a.number), array_agg(t.tf ORDER BY a.number), array_agg(a.title_length ORDER BY a.number),
       array_agg(f.first ORDER BY a.number), array_agg(a.passage_count ORDER BY a.number)
FROM articles a
JOIN (SELECT article, min(id) AS first FROM passages GROUP BY article) f ON f.article = a.number,
     unnest(a.title_terms, a.title_tfs) AS t(term, tf)
GROUP BY t.term, a.number / 4096;

-- The statistics BM25+ needs per term, summed from the rows above instead of a table every batch
-- would update (a third of an ingestion's time): a question reads them for a few terms.
DROP TABLE term_stats;
CREATE VIEW term_stats AS
SELECT term, sum(text_passages)::bigint AS text_passages, sum(title_passages)::bigint AS title_passages
FROM (SELECT term, found AS text_passages, 0 AS title_passages FROM text_postings
      UNION ALL
      SELECT term, 0, found FROM title_postings) AS rows
GROUP BY term;

DROP INDEX passages_terms;
DROP INDEX articles_title_terms;
