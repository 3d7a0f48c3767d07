-- The planner's statistics kept only for the columns queries filter, join or group on, and
-- those in an index: the texts, bodies, arrays and packed postings the archive only reads back, and
-- the columns only written out, have none. `ANALYZE` reads every column of its sample rows (the
-- long ones detoasted, the texts sorted), and every ingestion run analyses the tables it changed
-- before its end jobs (src/pg/statistics.ts). Measured on a fresh 30k-article archive, the tables
-- analysed one after another: 1.95 s before, 0.81 s after (`articles` 0.63 s, 0.11 s after); the end
-- of a fresh 30k run, alternated four times: 3.9-4.7 s before, 3.2-3.8 s after. A column without
-- statistics is planned with its type's defaults, which here only its width uses.
ALTER TABLE articles
  ALTER COLUMN title SET STATISTICS 0,
  ALTER COLUMN body SET STATISTICS 0,
  ALTER COLUMN date SET STATISTICS 0,
  ALTER COLUMN url SET STATISTICS 0,
  ALTER COLUMN lang SET STATISTICS 0,
  ALTER COLUMN author SET STATISTICS 0,
  ALTER COLUMN file SET STATISTICS 0,
  ALTER COLUMN meta SET STATISTICS 0,
  ALTER COLUMN content_hash SET STATISTICS 0,
  ALTER COLUMN title_terms SET STATISTICS 0,
  ALTER COLUMN title_tfs SET STATISTICS 0,
  ALTER COLUMN title_length SET STATISTICS 0,
  ALTER COLUMN passage_count SET STATISTICS 0,
  ALTER COLUMN title_key SET STATISTICS 0;
ALTER TABLE passages
  ALTER COLUMN text SET STATISTICS 0,
  ALTER COLUMN start_offset SET STATISTICS 0,
  ALTER COLUMN end_offset SET STATISTICS 0,
  ALTER COLUMN copy_key SET STATISTICS 0,
  ALTER COLUMN length SET STATISTICS 0,
  ALTER COLUMN speaker SET STATISTICS 0;
ALTER TABLE passage_keys
  ALTER COLUMN length SET STATISTICS 0,
  ALTER COLUMN keys SET STATISTICS 0,
  ALTER COLUMN title_length SET STATISTICS 0,
  ALTER COLUMN title_keys SET STATISTICS 0;
ALTER TABLE article_terms ALTER COLUMN terms SET STATISTICS 0;
ALTER TABLE text_postings ALTER COLUMN packed_articles SET STATISTICS 0, ALTER COLUMN packed SET STATISTICS 0;
ALTER TABLE title_postings ALTER COLUMN packed_passages SET STATISTICS 0, ALTER COLUMN packed SET STATISTICS 0;
ALTER TABLE quotations
  ALTER COLUMN start_offset SET STATISTICS 0,
  ALTER COLUMN end_offset SET STATISTICS 0,
  ALTER COLUMN text SET STATISTICS 0,
  ALTER COLUMN flags SET STATISTICS 0,
  ALTER COLUMN speaker_title SET STATISTICS 0,
  ALTER COLUMN matching SET STATISTICS 0;
ALTER TABLE quote_groups ALTER COLUMN words SET STATISTICS 0, ALTER COLUMN length SET STATISTICS 0, ALTER COLUMN first_day SET STATISTICS 0;
ALTER TABLE quote_postings ALTER COLUMN groups SET STATISTICS 0, ALTER COLUMN lengths SET STATISTICS 0;
