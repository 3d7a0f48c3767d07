-- Articles newest first with their title keys, for /summary article: autocomplete (the embedded
-- engine's order: newest day first, then ingestion order). Walking it stops at the last choice
-- wanted, which comes early for the short, common text typed first; a rarer text is looked for in
-- this narrow index (an index-only scan) instead of in the article rows with their bodies.
CREATE INDEX articles_newest_titles ON articles (day DESC, number) INCLUDE (title_key);
