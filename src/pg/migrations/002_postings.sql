-- Postings tables, clustered by term: /ask reads the postings of its rarest terms in one index
-- range each, and looks the commoner terms up for those candidates only, as the embedded planner
-- does. They replace the GIN indexes over the term arrays, which cost most of an ingestion and
-- made every question scan and unpack whole rows. The arrays stay on the rows: a replaced
-- article's old terms are read from them to update the statistics and delete its postings.

-- One row per (term, passage) for passage text: the count, the passage's length, its article.
CREATE TABLE text_postings (
  term    text COLLATE "C" NOT NULL,
  passage bigint NOT NULL,
  article bigint NOT NULL,
  tf      smallint NOT NULL,
  length  integer NOT NULL,
  PRIMARY KEY (term, passage)
);

-- One row per (term, article) for titles: a title term counts for each of the article's passages
-- (numbered first_passage .. first_passage + passage_count - 1).
CREATE TABLE title_postings (
  term          text COLLATE "C" NOT NULL,
  article       bigint NOT NULL,
  tf            smallint NOT NULL,
  length        integer NOT NULL,
  first_passage bigint NOT NULL,
  passage_count integer NOT NULL,
  PRIMARY KEY (term, article)
);

INSERT INTO text_postings (term, passage, article, tf, length)
SELECT t.term, p.id, p.article, t.tf, p.length FROM passages p, unnest(p.terms, p.tfs) AS t(term, tf);

INSERT INTO title_postings (term, article, tf, length, first_passage, passage_count)
SELECT t.term, a.number, t.tf, a.title_length, f.first, a.passage_count
FROM articles a
JOIN (SELECT article, min(id) AS first FROM passages GROUP BY article) f ON f.article = a.number,
     unnest(a.title_terms, a.title_tfs) AS t(term, tf);

DROP INDEX passages_terms;
DROP INDEX articles_title_terms;
