-- Speakers clustered again only where an ingestion or prune run changed them (src/pg/speakerClusters.ts),
-- no longer over every quotation at the end of each run.
--
-- A speaker name's cluster depends only on the names whose key ends with a surname of the same
-- skeleton (see `labelsOf`), and on which words are words of the archive's names (a و/ف before one
-- is a conjunction). Each distinct name keeps what that needs:
CREATE TABLE quote_speaker_names (
  name    text PRIMARY KEY,
  words   text[] NOT NULL,            -- the words it brings to the names' vocabulary
  conj    text[] NOT NULL,            -- words whose being in that vocabulary decides how one of its و/ف words reads
  labels  text[] NOT NULL             -- the skeletons of its key's surname (see labelsOf)
);
CREATE INDEX quote_speaker_names_conj ON quote_speaker_names USING gin (conj);
CREATE INDEX quote_speaker_names_labels ON quote_speaker_names USING gin (labels);

-- The names' vocabulary: each word with the number of distinct names bringing it.
CREATE TABLE quote_name_words (
  word   text PRIMARY KEY,
  names  integer NOT NULL
);

-- Speaker names whose quotations were written or deleted since the speakers were last clustered.
CREATE TABLE quote_speaker_changes (
  name  text PRIMARY KEY
);

-- A cluster's place in the order clustering everything gives (ties in /quotes and autocomplete go to
-- the first): its first quotation's key length (longest first, negated) article and position; and
-- the labels of its variants, which a run clustering them again finds it by.
-- Clusters stored before this migration keep their order until the next run replaces them all.
ALTER TABLE quote_speakers ADD COLUMN rank bigint[], ADD COLUMN labels text[] NOT NULL DEFAULT '{}';
UPDATE quote_speakers SET rank = ARRAY[id];
ALTER TABLE quote_speakers ALTER COLUMN rank SET NOT NULL, ALTER COLUMN labels DROP DEFAULT;
CREATE INDEX quote_speakers_labels ON quote_speakers USING gin (labels);

CREATE INDEX quotations_speaker_name ON quotations (speaker);

CREATE FUNCTION quote_speakers_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO quote_speaker_changes SELECT DISTINCT speaker FROM changed WHERE speaker IS NOT NULL ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER quotations_note_added AFTER INSERT ON quotations REFERENCING NEW TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION quote_speakers_note();
CREATE TRIGGER quotations_note_gone AFTER DELETE ON quotations REFERENCING OLD TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION quote_speakers_note();

-- Every name stored so far is clustered by the next run.
INSERT INTO quote_speaker_changes SELECT DISTINCT speaker FROM quotations WHERE speaker IS NOT NULL;
