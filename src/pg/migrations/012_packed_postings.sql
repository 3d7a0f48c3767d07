-- Each postings row's postings again in a compact form, `packed`, for /ask to count its commoner
-- terms: for each document of the row in order, its distance from the previous one (the first from
-- the row's block), the term's count and the field's length, each number in a prefix code of 1, 2,
-- 4 or 9 bytes (src/pg/packedPostings.ts). About 3 bytes a posting where the arrays send 26, so a
-- question reads a common term's 100,000s of postings in a few milliseconds instead of counting its
-- candidates' rows of term keys one by one. Stored uncompressed: the bytes are dense already, and a
-- question reads them as they are. Ingestion writes it with the arrays; deleting postings packs the
-- arrays left with `pack_postings`, which also fills the rows stored before this migration.

-- A number of 0 to 2^63 - 1 in the prefix code: 0xxxxxxx (below 2^7), 10xxxxxx + 1 byte (below
-- 2^14), 110xxxxx + 3 bytes (below 2^29), 0xe0 + 8 bytes, big-endian. One expression, so the
-- planner inlines it where it is used.
CREATE FUNCTION pack_number(v bigint) RETURNS bytea IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
  SELECT CASE
    WHEN v < 128 THEN substring(int2send(v::smallint) FROM 2)
    WHEN v < 16384 THEN int2send((v - 32768)::smallint)
    WHEN v < 536870912 THEN int4send((v - 1073741824)::integer)
    ELSE '\xe0'::bytea || int8send(v)
  END
$$;

-- The bytes of the number whose code starts with byte `first` (see pack_number).
CREATE FUNCTION packed_number_length(first integer) RETURNS integer IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
  SELECT CASE WHEN first < 128 THEN 1 WHEN first < 192 THEN 2 WHEN first < 224 THEN 4 ELSE 9 END
$$;

-- Arrays joined end to end: merging a term's consecutive rows (src/pg/compactPostings.ts) joins
-- their arrays in block order.
CREATE AGGREGATE array_cat_agg(anycompatiblearray) (SFUNC = array_cat, STYPE = anycompatiblearray);

-- A row's postings packed: documents ascending from `block`, with their counts and lengths.
CREATE FUNCTION pack_postings(block bigint, documents bigint[], tfs smallint[], lengths integer[]) RETURNS bytea IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
  SELECT coalesce(string_agg(pack_number(p.document - p.previous) || pack_number(p.tf) || pack_number(p.length), ''::bytea ORDER BY p.o), ''::bytea)
  FROM (SELECT u.document, u.tf, u.length, u.o, coalesce(lag(u.document) OVER (ORDER BY u.o), block) AS previous
        FROM unnest(documents, tfs, lengths) WITH ORDINALITY AS u(document, tf, length, o)) AS p
$$;

ALTER TABLE text_postings ADD COLUMN packed bytea NOT NULL DEFAULT ''::bytea;
ALTER TABLE text_postings ALTER COLUMN packed SET STORAGE EXTERNAL;
UPDATE text_postings SET packed = pack_postings(block, passages, tfs, lengths);
ALTER TABLE text_postings ALTER COLUMN packed DROP DEFAULT;

ALTER TABLE title_postings ADD COLUMN packed bytea NOT NULL DEFAULT ''::bytea;
ALTER TABLE title_postings ALTER COLUMN packed SET STORAGE EXTERNAL;
UPDATE title_postings SET packed = pack_postings(block, articles, tfs, lengths);
ALTER TABLE title_postings ALTER COLUMN packed DROP DEFAULT;
