import type pg from 'pg';
import { type NameWords, nameKey } from '../engine/quotes/speakers.js';
import { type NameFacts, labelsOf } from './speakerClusterKeys.js';
import { arrayLiteral } from './copy.js';
import { inChunks } from './pool.js';
import { sharesElement } from './sharesElement.js';


/** A row of `quote_speaker_names`. */
interface StoredName {
  name: string;
  words: string[];
  conj: string[];
  labels: string[];
}

/**
 * Reads the changed names again (and the names whose و/ف words read otherwise now that a word
 * joined or left the names' vocabulary): their vocabulary, conjunction words and labels are stored
 * anew, and the names no quotation carries any more go. Returns the labels they had and have.
 * `factsOf` gives a name's facts (`nameFacts`, each worked out once per clustering).
 */
export async function readNamesAgain(client: pg.ClientBase, changed: readonly string[], factsOf: (name: string) => NameFacts): Promise<Set<string>> {
  const present = new Set((await client.query<{ name: string }>('SELECT n AS name FROM unnest($1::text[]) AS n WHERE EXISTS (SELECT 1 FROM quotations WHERE speaker = n)', [changed])).rows.map((r) => r.name));
  const stored = await storedNames(client, 'name = ANY($1::text[])', changed);
  const appeared = changed.filter((name) => present.has(name) && !stored.has(name));
  const gone = [...stored.values()].filter((s) => !present.has(s.name));
  await client.query('DELETE FROM quote_speaker_names WHERE name = ANY($1::text[])', [gone.map((s) => s.name)]);
  const flipped = await updateVocabulary(client, appeared.map((name) => factsOf(name).words), gone.map((s) => s.words));
  const touched = flipped.length ? await storedNames(client, sharesElement('conj', '$1::text[]', flipped.length), flipped) : new Map<string, StoredName>();
  const labels = new Set([...stored.values(), ...touched.values()].flatMap((s) => s.labels));
  const again = [...new Set([...present, ...touched.keys()])].map((name) => ({ name, ...factsOf(name) }));
  const vocabulary = await vocabularyFor(client, again.flatMap((f) => f.conj));
  const rows = again.map((f) => ({ ...f, labels: labelsOf(nameKey(f.name, vocabulary)) }));
  for (const row of rows) for (const label of row.labels) labels.add(label);
  await inChunks(rows, (chunk) =>
    client.query(
      `INSERT INTO quote_speaker_names (name, words, conj, labels) SELECT n, w::text[], c::text[], l::text[] FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(n, w, c, l)
       ON CONFLICT (name) DO UPDATE SET words = excluded.words, conj = excluded.conj, labels = excluded.labels`,
      [chunk.map((r) => r.name), chunk.map((r) => arrayLiteral(r.words)), chunk.map((r) => arrayLiteral(r.conj)), chunk.map((r) => arrayLiteral(r.labels))],
    ),
  );
  return labels;
}

/** How many names the stored quotations carry. */
export async function storedNameCount(client: pg.ClientBase): Promise<number> {
  return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM quote_speaker_names')).rows[0]!.n);
}

/** The stored names matching `where` (one parameter, `value`), by name. */
async function storedNames(client: pg.ClientBase, where: string, value: readonly string[]): Promise<Map<string, StoredName>> {
  const rows = await client.query<StoredName>(`SELECT name, words, conj, labels FROM quote_speaker_names WHERE ${where}`, [value]);
  return new Map(rows.rows.map((r) => [r.name, r]));
}

/**
 * Counts the names appeared (`added`: the words of each) and gone (`removed`) in the names'
 * vocabulary; returns the words that joined or left it.
 */
async function updateVocabulary(client: pg.ClientBase, added: readonly string[][], removed: readonly string[][]): Promise<string[]> {
  const delta = new Map<string, number>();
  for (const words of added) for (const w of words) delta.set(w, (delta.get(w) ?? 0) + 1);
  for (const words of removed) for (const w of words) delta.set(w, (delta.get(w) ?? 0) - 1);
  const words = [...delta.keys()];
  const rows = await client.query<{ word: string; names: number }>('SELECT word, names FROM quote_name_words WHERE word = ANY($1::text[])', [words]);
  const before = new Map(rows.rows.map((r) => [r.word, r.names]));
  const after = new Map(words.map((w) => [w, (before.get(w) ?? 0) + delta.get(w)!]));
  const kept = words.filter((w) => after.get(w)! > 0);
  await client.query('DELETE FROM quote_name_words WHERE word = ANY($1::text[])', [words.filter((w) => after.get(w)! <= 0)]);
  await client.query('INSERT INTO quote_name_words (word, names) SELECT * FROM unnest($1::text[], $2::integer[]) ON CONFLICT (word) DO UPDATE SET names = excluded.names', [
    kept,
    kept.map((w) => after.get(w)!),
  ]);
  return words.filter((w) => (before.get(w) ?? 0) > 0 !== after.get(w)! > 0);
}

/** Which of `words` are in the names' vocabulary, as `NameWords` (asked of another word, it answers no). */
export async function vocabularyFor(client: pg.ClientBase, words: readonly string[]): Promise<NameWords> {
  const rows = await client.query<{ word: string }>('SELECT word FROM quote_name_words WHERE word = ANY($1::text[])', [[...new Set(words)]]);
  const known = new Set(rows.rows.map((r) => r.word));
  return (w) => known.has(w);
}

/** The names carrying any of `labels`, which grows with theirs until no name adds one. */
export async function namesLabelled(client: pg.ClientBase, labels: Set<string>): Promise<Set<string>> {
  const names = new Set<string>();
  for (let frontier = [...labels]; frontier.length; ) {
    const rows = await client.query<{ name: string; labels: string[] }>(`SELECT name, labels FROM quote_speaker_names WHERE ${sharesElement('labels', '$1::text[]', frontier.length)}`, [frontier]);
    frontier = [];
    for (const r of rows.rows) {
      names.add(r.name);
      for (const label of r.labels) if (!labels.has(label)) frontier.push(label), labels.add(label);
    }
  }
  return names;
}

