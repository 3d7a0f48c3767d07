import type pg from 'pg';
import { type NameWords, clusterSpeakers, nameKey } from '../engine/quotes/speakers.js';
import { labelsOf, nameFacts } from './speakerClusterKeys.js';

/** Rows sent per statement when many rows are written. */
const CHUNK = 20_000;

/** Quotations read per statement when every speaker is clustered again. */
const PAGE = 100_000;

/** A row of `quote_speaker_names`. */
interface StoredName {
  name: string;
  words: string[];
  conj: string[];
  labels: string[];
}

/** A quotation as clustering reads it. */
interface SpeakerRecord {
  article: string;
  position: number;
  speaker: string;
  speaker_title: string | null;
  day: string;
  speaker_id: number | null;
}

/**
 * Clusters again the speakers that the quotations written or deleted since the last run (noted by
 * the triggers of migration 011) may have changed: the names sharing a label with a changed name
 * (or with one whose reading a vocabulary change altered), directly or through other names, as
 * `clusterSpeakers` clusters them over every quotation; a cluster keeps its number while its first
 * quotation stays first. When the changed names or those sharing their labels are half of all or
 * more (a first ingestion), every name is clustered again.
 */
export async function clusterChangedSpeakers(client: pg.ClientBase): Promise<void> {
  // One run at a time; the bots read on.
  await client.query('LOCK TABLE quote_speakers IN SHARE ROW EXCLUSIVE MODE');
  const changed = (await client.query<{ name: string }>('DELETE FROM quote_speaker_changes RETURNING name')).rows.map((r) => r.name);
  if (!changed.length) return;
  const labels = await readNamesAgain(client, changed);
  const total = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM quote_speaker_names')).rows[0]!.n);
  const names = changed.length * 2 < total ? await namesLabelled(client, labels) : undefined;
  const all = !names || names.size * 2 >= total;
  const records = names && !all ? await quotationsOf(client, [...names]) : await everyQuotation(client);
  const vocabulary = await vocabularyFor(client, [...new Set(records.map((r) => r.speaker))].flatMap((name) => nameFacts(name).conj));
  const clusters = clusterSpeakers(records.map((r) => ({ speaker: r.speaker, speakerTitle: r.speaker_title, date: r.day })), vocabulary);
  const last = (await client.query<{ max: number | null }>('SELECT max(id) AS max FROM quote_speakers')).rows[0]!.max;
  const removed = all
    ? await client.query<{ id: number; rank: string[] }>('DELETE FROM quote_speakers RETURNING id, rank')
    : await client.query<{ id: number; rank: string[] }>('DELETE FROM quote_speakers WHERE id = ANY($1::integer[]) OR labels && $2::text[] RETURNING id, rank', [
        [...new Set(records.flatMap((r) => (r.speaker_id === null ? [] : [r.speaker_id])))],
        [...labels],
      ]);
  const idOfRank = new Map(removed.rows.map((r) => [r.rank.join(','), r.id]));
  let next = (last ?? -1) + 1;
  const keyLength = new Map<string, number>();
  const lengthOf = (name: string) => keyLength.get(name) ?? keyLength.set(name, nameKey(name, vocabulary).length).get(name)!;
  const rows = clusters.map((c) => {
    const first = records[c.quotes[0]!]!;
    const rank = [-lengthOf(first.speaker), first.article, first.position].join(',');
    return { id: idOfRank.get(rank) ?? next++, rank, cluster: c };
  });
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK);
    await client.query(
      `INSERT INTO quote_speakers (id, name, quotes, variants, words, rank, labels)
       SELECT id, name, quotes, v::text[], w::text[], ('{' || r || '}')::bigint[], l::text[] FROM unnest($1::integer[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(id, name, quotes, v, w, r, l)`,
      [
        chunk.map((r) => r.id),
        chunk.map((r) => r.cluster.name),
        chunk.map((r) => r.cluster.quotes.length),
        chunk.map((r) => arrayLiteral(r.cluster.variants)),
        chunk.map((r) => arrayLiteral([...new Set(r.cluster.variants.flatMap((v) => v.split(' ')))])),
        chunk.map((r) => r.rank),
        chunk.map((r) => arrayLiteral([...new Set(r.cluster.variants.flatMap((v) => labelsOf(v.split(' '))))])),
      ],
    );
  }
  const speakerOf = new Int32Array(records.length).fill(-1);
  rows.forEach(({ id, cluster }) => {
    for (const i of cluster.quotes) speakerOf[i] = id;
  });
  await pointQuotations(client, records, speakerOf);
}

/**
 * Reads the changed names again (and the names whose و/ف words read otherwise now that a word
 * joined or left the names' vocabulary): their vocabulary, conjunction words and labels are stored
 * anew, and the names no quotation carries any more go. Returns the labels they had and have.
 */
async function readNamesAgain(client: pg.ClientBase, changed: readonly string[]): Promise<Set<string>> {
  const present = new Set((await client.query<{ name: string }>('SELECT n AS name FROM unnest($1::text[]) AS n WHERE EXISTS (SELECT 1 FROM quotations WHERE speaker = n)', [changed])).rows.map((r) => r.name));
  const stored = await storedNames(client, 'name = ANY($1::text[])', changed);
  const appeared = changed.filter((name) => present.has(name) && !stored.has(name));
  const gone = [...stored.values()].filter((s) => !present.has(s.name));
  await client.query('DELETE FROM quote_speaker_names WHERE name = ANY($1::text[])', [gone.map((s) => s.name)]);
  const flipped = await updateVocabulary(client, appeared.map((name) => nameFacts(name).words), gone.map((s) => s.words));
  const touched = flipped.length ? await storedNames(client, 'conj && $1::text[]', flipped) : new Map<string, StoredName>();
  const labels = new Set([...stored.values(), ...touched.values()].flatMap((s) => s.labels));
  const again = [...new Set([...present, ...touched.keys()])].map((name) => ({ name, ...nameFacts(name) }));
  const vocabulary = await vocabularyFor(client, again.flatMap((f) => f.conj));
  const rows = again.map((f) => ({ ...f, labels: labelsOf(nameKey(f.name, vocabulary)) }));
  for (const row of rows) for (const label of row.labels) labels.add(label);
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK);
    await client.query(
      `INSERT INTO quote_speaker_names (name, words, conj, labels) SELECT n, w::text[], c::text[], l::text[] FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(n, w, c, l)
       ON CONFLICT (name) DO UPDATE SET words = excluded.words, conj = excluded.conj, labels = excluded.labels`,
      [chunk.map((r) => r.name), chunk.map((r) => arrayLiteral(r.words)), chunk.map((r) => arrayLiteral(r.conj)), chunk.map((r) => arrayLiteral(r.labels))],
    );
  }
  return labels;
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
async function vocabularyFor(client: pg.ClientBase, words: readonly string[]): Promise<NameWords> {
  const rows = await client.query<{ word: string }>('SELECT word FROM quote_name_words WHERE word = ANY($1::text[])', [[...new Set(words)]]);
  const known = new Set(rows.rows.map((r) => r.word));
  return (w) => known.has(w);
}

/** The names carrying any of `labels`, which grows with theirs until no name adds one. */
async function namesLabelled(client: pg.ClientBase, labels: Set<string>): Promise<Set<string>> {
  const names = new Set<string>();
  for (let frontier = [...labels]; frontier.length; ) {
    const rows = await client.query<{ name: string; labels: string[] }>('SELECT name, labels FROM quote_speaker_names WHERE labels && $1::text[]', [frontier]);
    frontier = [];
    for (const r of rows.rows) {
      names.add(r.name);
      for (const label of r.labels) if (!labels.has(label)) frontier.push(label), labels.add(label);
    }
  }
  return names;
}

/** The quotations of the speakers named `names`, in article and position order. */
async function quotationsOf(client: pg.ClientBase, names: readonly string[]): Promise<SpeakerRecord[]> {
  const rows = await client.query<SpeakerRecord>(
    'SELECT q.article, q.position, q.speaker, q.speaker_title, a.day, q.speaker_id FROM quotations q JOIN articles a ON a.number = q.article WHERE q.speaker = ANY($1::text[]) ORDER BY q.article, q.position',
    [names],
  );
  return rows.rows;
}

/** Every quotation with a speaker, in article and position order (a page at a time). */
async function everyQuotation(client: pg.ClientBase): Promise<SpeakerRecord[]> {
  const records: SpeakerRecord[] = [];
  for (let after: [string, number] = ['-1', 0]; ; ) {
    const page = await client.query<SpeakerRecord>(
      `SELECT q.article, q.position, q.speaker, q.speaker_title, a.day, q.speaker_id FROM quotations q JOIN articles a ON a.number = q.article
       WHERE (q.article, q.position) > ($1::bigint, $2::integer) AND q.speaker IS NOT NULL ORDER BY q.article, q.position LIMIT ${PAGE}`,
      after,
    );
    for (const r of page.rows) records.push(r);
    if (page.rows.length < PAGE) return records;
    const last = page.rows[page.rows.length - 1]!;
    after = [last.article, last.position];
  }
}

/** Sets each quotation's speaker to `speakerOf` (-1: none) where it changed. */
async function pointQuotations(client: pg.ClientBase, records: readonly SpeakerRecord[], speakerOf: Int32Array): Promise<void> {
  const changed = records.flatMap((r, i) => ((r.speaker_id ?? -1) === speakerOf[i] ? [] : [i]));
  for (let from = 0; from < changed.length; from += CHUNK) {
    const chunk = changed.slice(from, from + CHUNK);
    await client.query('UPDATE quotations q SET speaker_id = nullif(u.s, -1) FROM unnest($1::bigint[], $2::integer[], $3::integer[]) AS u(a, p, s) WHERE q.article = u.a AND q.position = u.p', [
      chunk.map((i) => records[i]!.article),
      chunk.map((i) => records[i]!.position),
      chunk.map((i) => speakerOf[i]!),
    ]);
  }
}

/** A PostgreSQL array literal of texts (each quoted). */
const arrayLiteral = (items: readonly string[]): string => `{${items.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
