-- The postings arrays stored without compression, as `packed` is (migration 012). Rows are rewritten
-- whole: merged after each ingestion run (src/pg/compactPostings.ts) and filtered when articles are
-- deleted or replaced (src/pg/ingest.ts), and pglz compressing them again was most of it, about
-- 1.5 µs a posting: deleting 100 articles spread over 30k (6.2M postings rewritten) took 20 s and
-- takes 8.9 s uncompressed; merging the rows a 30k ingestion wrote took 26.6 s and takes 16.7 s.
-- Uncompressed, the arrays take about half as much room again. Rows stored before stay compressed
-- until they are rewritten; both read the same.
ALTER TABLE text_postings
  ALTER COLUMN passages SET STORAGE EXTERNAL,
  ALTER COLUMN articles SET STORAGE EXTERNAL,
  ALTER COLUMN tfs SET STORAGE EXTERNAL,
  ALTER COLUMN lengths SET STORAGE EXTERNAL;
ALTER TABLE title_postings
  ALTER COLUMN articles SET STORAGE EXTERNAL,
  ALTER COLUMN tfs SET STORAGE EXTERNAL,
  ALTER COLUMN lengths SET STORAGE EXTERNAL,
  ALTER COLUMN first_passages SET STORAGE EXTERNAL,
  ALTER COLUMN passage_counts SET STORAGE EXTERNAL;
