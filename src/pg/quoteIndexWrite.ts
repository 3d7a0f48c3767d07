import { createHash } from 'node:crypto';
import type pg from 'pg';
import { matchTokens, vocabularyBucket } from '../engine/quotes/fuzzy.js';
import { copyBinaryInto } from './copyBinary.js';
import { PAGE, inChunks, inPoolTransaction } from './pool.js';
import { clusterChangedSpeakers } from './speakerClusters.js';

/** Group numbers per postings row (see migration 005). */
const POSTING_BLOCK = 4096;



/** A quotation to group: its text, the words whosaid matches (null: made from the text) and its article's day. */
export interface QuotationToGroup {
  text: string;
  matching: string | null;
  day: string;
}

interface Ungrouped extends QuotationToGroup {
  article: string;
  position: number;
}

/** A distinct text of the quotations being grouped: its key (matching words joined by spaces) and earliest day. */
interface TextEntry {
  key: string;
  hash: string;
  day: string;
  id: number;
}

/**
 * Puts the quotations not grouped yet (stored before migration 005) into the quotation index, in
 * article and position order as the embedded engine groups them (see `groupQuotations`), and
 * points each at its group; returns how many were grouped. Ingestion groups the quotations it
 * writes before writing them (`groupQuotations`), so there are none left after it.
 */
export async function groupNewQuotations(client: pg.ClientBase): Promise<number> {
  // One grouping at a time: two would read the same ungrouped quotations.
  await client.query('LOCK TABLE quote_groups IN SHARE ROW EXCLUSIVE MODE');
  // A page at a time (a whole archive stored before migration 005 would not fit in memory), in order.
  let grouped = 0;
  for (;;) {
    const ungrouped = await client.query<Ungrouped>(
      `SELECT q.article, q.position, q.text, q.matching, a.day FROM quotations q JOIN articles a ON a.number = q.article WHERE q.grp IS NULL ORDER BY q.article, q.position LIMIT ${PAGE}`,
    );
    if (!ungrouped.rowCount) return grouped;
    const groups = await groupQuotations(client, ungrouped.rows);
    await inChunks(ungrouped.rows, (rows, from) =>
      client.query('UPDATE quotations q SET grp = u.g FROM unnest($1::bigint[], $2::integer[], $3::integer[]) AS u(a, p, g) WHERE q.article = u.a AND q.position = u.p', [
        rows.map((r) => r.article),
        rows.map((r) => r.position),
        groups.slice(from, from + rows.length),
      ]),
    );
    grouped += ungrouped.rowCount;
  }
}

/**
 * Adds quotations (in article and position order, after every quotation grouped before them) to
 * the quotation index inside the caller's transaction, as the embedded engine groups them: each
 * goes to its distinct text (a new group numbered after the highest, or the group holding that text
 * already), and a new group's words get their counts and postings. Returns each quotation's group
 * number, for its `grp`.
 */
export async function groupQuotations(client: pg.ClientBase, quotations: readonly QuotationToGroup[]): Promise<number[]> {
  if (!quotations.length) return [];
  // One grouping at a time: group numbers are given after the highest in use.
  await client.query('LOCK TABLE quote_groups IN SHARE ROW EXCLUSIVE MODE');
  const texts = new Map<string, TextEntry>();
  const textOf: TextEntry[] = [];
  for (const row of quotations) {
    const key = row.matching ?? matchTokens(row.text).join(' ');
    let entry = texts.get(key);
    if (!entry) texts.set(key, (entry = { key, hash: createHash('md5').update(key).digest('hex'), day: row.day, id: -1 }));
    if (row.day < entry.day) entry.day = row.day;
    textOf.push(entry);
  }
  const entries = [...texts.values()];
  const known = await client.query<{ id: number; hash: string; first_day: string }>(
    "SELECT id, encode(hash, 'hex') AS hash, first_day FROM quote_groups WHERE hash IN (SELECT decode(h, 'hex') FROM unnest($1::text[]) AS h)",
    [entries.map((e) => e.hash)],
  );
  const stored = new Map(known.rows.map((r) => [r.hash, r]));
  let next = Number((await client.query<{ max: number | null }>('SELECT max(id) FROM quote_groups')).rows[0]!.max ?? -1) + 1;
  const fresh: TextEntry[] = [];
  // Groups stored already that a quotation earlier than any of theirs joins: their first day moves back.
  const earlier: TextEntry[] = [];
  for (const e of entries) {
    const group = stored.get(e.hash);
    if (group === undefined) {
      e.id = next++;
      fresh.push(e);
      continue;
    }
    e.id = group.id;
    if (e.day < group.first_day) earlier.push(e);
  }
  if (earlier.length) {
    await client.query('UPDATE quote_groups g SET first_day = u.d FROM unnest($1::integer[], $2::text[]) AS u(id, d) WHERE g.id = u.id', [
      earlier.map((e) => e.id),
      earlier.map((e) => e.day),
    ]);
  }
  await client.query(
    `INSERT INTO quote_groups (id, hash, words, length, first_day)
     SELECT u.id, decode(u.h, 'hex'), w, cardinality(w), u.d FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[]) AS u(id, h, k, d), string_to_array(u.k, ' ') AS w`,
    [fresh.map((e) => e.id), fresh.map((e) => e.hash), fresh.map((e) => e.key), fresh.map((e) => e.day)],
  );
  await client.query('UPDATE quote_totals SET groups = groups + $1, quotations = quotations + $2', [fresh.length, quotations.length]);
  await writePostings(client, fresh);
  return textOf.map((e) => e.id);
}

/** Counts and postings of the words of new groups (`groups` ascending by number, all after the groups stored). */
async function writePostings(client: pg.ClientBase, groups: readonly TextEntry[]): Promise<void> {
  const byWord = new Map<string, { ids: number[]; lengths: number[] }>();
  for (const g of groups) {
    const words = g.key ? g.key.split(' ') : [];
    for (const w of new Set(words)) {
      const list = byWord.get(w) ?? byWord.set(w, { ids: [], lengths: [] }).get(w)!;
      list.ids.push(g.id);
      list.lengths.push(words.length);
    }
  }
  const words = [...byWord.keys()];
  await client.query(
    'INSERT INTO quote_words (word, groups, bucket) SELECT * FROM unnest($1::text[], $2::integer[], $3::text[]) ON CONFLICT (word) DO UPDATE SET groups = quote_words.groups + excluded.groups',
    [words, words.map((w) => byWord.get(w)!.ids.length), words.map(vocabularyBucket)],
  );
  const rows: Array<{ word: string; block: number; ids: number[]; lengths: number[] }> = [];
  for (const [word, { ids, lengths }] of byWord) {
    for (let k = 0; k < ids.length; ) {
      const block = Math.floor(ids[k]! / POSTING_BLOCK);
      const row = { word, block, ids: [] as number[], lengths: [] as number[] };
      for (; k < ids.length && Math.floor(ids[k]! / POSTING_BLOCK) === block; k++) {
        row.ids.push(ids[k]!);
        row.lengths.push(lengths[k]!);
      }
      rows.push(row);
    }
  }
  // Only the block of the first new group may hold a row already (the groups before it in that
  // block): a later block holds groups numbered after every stored one, and a block whose groups
  // all left had its row deleted (`quote_groups_forget`). Those rows are appended to; the others
  // are new rows, sent by binary COPY (most of a batch's, and no array literal to parse).
  const shared = groups.length ? Math.floor(groups[0]!.id / POSTING_BLOCK) : 0;
  await inChunks(
    rows.filter((r) => r.block === shared),
    (chunk) =>
      client.query(
        `INSERT INTO quote_postings (word, block, groups, lengths)
         SELECT w, b, g::integer[], l::integer[] FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[]) AS u(w, b, g, l)
         ON CONFLICT (word, block) DO UPDATE SET groups = quote_postings.groups || excluded.groups, lengths = quote_postings.lengths || excluded.lengths`,
        [chunk.map((r) => r.word), chunk.map((r) => r.block), chunk.map((r) => `{${r.ids.join(',')}}`), chunk.map((r) => `{${r.lengths.join(',')}}`)],
      ),
  );
  const fresh = rows.filter((r) => r.block !== shared).map((r) => [r.word, r.block, r.ids, r.lengths]);
  if (fresh.length) await copyBinaryInto(client, 'quote_postings', QUOTE_POSTING_COLUMNS, fresh);
}

/** The columns of `quote_postings` as `writePostings` copies new rows. */
const QUOTE_POSTING_COLUMNS = [['word', 'text'], ['block', 'integer'], ['groups', 'integer[]'], ['lengths', 'integer[]']] as const;

/**
 * Finishes an ingestion or prune run's quotation index, in one transaction: groups quotations left
 * ungrouped (stored before migration 005), then clusters again the speakers the run's quotations
 * may have changed (see `clusterChangedSpeakers`), so that its cost follows what the run changed.
 */
export async function finishQuoteIndex(pool: pg.Pool): Promise<void> {
  await inPoolTransaction(pool, async (client) => {
    await groupNewQuotations(client);
    await clusterChangedSpeakers(client);
  });
}
