-- Each article's text terms, every term once, in a narrow table of their own instead of each
-- passage's terms and counts on the passage (`passages.terms`, `passages.tfs`). Only a deletion
-- reads them, to find the article's postings rows (src/pg/postingTables.ts); the counts were read
-- by nothing since migration 009. They were 640 of a passage row's 1,082 bytes at 1M articles:
-- the rows /ask reads for its answers (about 200 a question) are now half as wide, and ingestion
-- no longer parses them (COPY of 250,000 passages: 2.4 s with them, 0.52 s without).
-- Dropping the columns does not shrink the table: `VACUUM FULL passages` does (it locks it).
CREATE TABLE article_terms (
  article  bigint PRIMARY KEY REFERENCES articles (number) ON DELETE CASCADE,
  terms    text[] NOT NULL
);
INSERT INTO article_terms (article, terms)
SELECT p.article, array_agg(DISTINCT t.term COLLATE "C" ORDER BY t.term COLLATE "C")
FROM passages p, unnest(p.terms) AS t(term)
GROUP BY p.article;
-- An article without a term in its passages gets its empty list too, as ingestion writes it.
INSERT INTO article_terms (article, terms)
SELECT a.number, '{}' FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_terms x WHERE x.article = a.number);
ALTER TABLE passages DROP COLUMN terms, DROP COLUMN tfs;
