-- The references of passages, passage keys, quotations and article terms to their articles are
-- kept by the one code that writes and deletes them (src/pg/ingest.ts: `removeArticles` deletes an
-- article's rows before the article, in the same transaction), not checked row by row. The checks
-- were a lookup and a row lock on the article for each of the 23 or so rows an article brings:
-- about a sixth of the server's time while ingesting (COPY of 254,714 passages 2.4-3.0 s with
-- them, 1.3 s without; passage keys 2.6-2.9 -> 1.3 s; quotations 2.5-3.1 -> 1.9-2.1 s, for 30k
-- articles). The tests look for rows left without their article after every deletion path.
ALTER TABLE passage_keys DROP CONSTRAINT passage_keys_id_fkey;
ALTER TABLE passages DROP CONSTRAINT passages_article_fkey;
ALTER TABLE quotations DROP CONSTRAINT quotations_article_fkey;
ALTER TABLE article_terms DROP CONSTRAINT article_terms_article_fkey;
