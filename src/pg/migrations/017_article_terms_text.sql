-- Each article's text terms as one text, the terms separated by spaces (a term holds no space:
-- the analyser cuts words at spaces, and ingestion refuses a term that would hold one), instead
-- of a text[]. `COPY` parsed the array literal element by element, about 300 elements an article:
-- 0.48-0.64 s per 5,000 articles against 0.29 s as a text, and the analysis threads no longer
-- quote each term. Only a deletion reads them, splitting the text (src/pg/postingTables.ts).
ALTER TABLE article_terms ALTER COLUMN terms TYPE text USING array_to_string(terms, ' ');
