import type pg from 'pg';
import { copyBinaryInto } from './copyBinary.js';
import { type QuotationTexts, type QuotationToGroup, quotationTexts } from './quotationTexts.js';
import { PAGE, inChunks, inPoolTransaction, usingPoolClient } from './pool.js';
import { type ReadAside, clusterChangedSpeakers } from './speakerClusters.js';

/** The table a grouping locks, one grouping at a time: `finishQuoteIndex` holds it from the start of its transaction to the end. */
export const GROUPING_LOCKED = 'quote_groups';
/** The statement taking that lock (it conflicts with itself, not with the bots' reads). */
const LOCK_GROUPING = `LOCK TABLE ${GROUPING_LOCKED} IN SHARE ROW EXCLUSIVE MODE`;

/** Group numbers per block: a postings row is keyed by the block of its first group (see `writePostings`). */
const POSTING_BLOCK = 4096;

interface Ungrouped extends QuotationToGroup {
  article: string;
  position: number;
}

/**
 * Puts the quotations not grouped yet (stored before migration 005) into the quotation index, in
 * article and position order as the embedded engine groups them (see `groupQuotations`), and
 * points each at its group; returns how many were grouped. Ingestion groups the quotations it
 * writes before writing them (`groupQuotations`), so there are none left after it.
 */
export async function groupNewQuotations(client: pg.ClientBase): Promise<number> {
  // One grouping at a time: two would read the same ungrouped quotations.
  await client.query(LOCK_GROUPING);
  // A page at a time (a whole archive stored before migration 005 would not fit in memory), in order.
  let grouped = 0;
  for (;;) {
    const ungrouped = await client.query<Ungrouped>(
      `SELECT q.article, q.position, q.text, q.matching, a.day FROM quotations q JOIN articles a ON a.number = q.article WHERE q.grp IS NULL ORDER BY q.article, q.position LIMIT ${PAGE}`,
    );
    if (!ungrouped.rowCount) return grouped;
    const groups = await groupQuotations(client, quotationTexts(ungrouped.rows));
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
 * Adds quotations (their `texts`, in article and position order, after every quotation grouped
 * before them) to the quotation index inside the caller's transaction, as the embedded engine
 * groups them: each goes to its distinct text (a new group numbered after the highest, or the
 * group holding that text already), and a new group's words get their counts and postings.
 * Returns each quotation's group number, for its `grp`.
 */
export async function groupQuotations(client: pg.ClientBase, texts: QuotationTexts): Promise<number[]> {
  if (!texts.textOf.length) return [];
  // One grouping at a time: group numbers are given after the highest in use.
  await client.query(LOCK_GROUPING);
  const known = await client.query<{ id: number; hash: string; first_day: string }>(
    "SELECT id, encode(hash, 'hex') AS hash, first_day FROM quote_groups WHERE hash IN (SELECT decode(h, 'hex') FROM unnest($1::text[]) AS h)",
    [texts.hashes],
  );
  const stored = new Map(known.rows.map((r) => [r.hash, r]));
  let next = Number((await client.query<{ max: number | null }>('SELECT max(id) FROM quote_groups')).rows[0]!.max ?? -1) + 1;
  const idOf = new Int32Array(texts.keys.length);
  // The texts of new groups, in the order of their numbers.
  const fresh: number[] = [];
  // Groups stored already that a quotation earlier than any of theirs joins: their first day moves back.
  const earlier: number[] = [];
  for (let t = 0; t < texts.keys.length; t++) {
    const group = stored.get(texts.hashes[t]!);
    if (group === undefined) {
      idOf[t] = next++;
      fresh.push(t);
      continue;
    }
    idOf[t] = group.id;
    if (texts.days[t]! < group.first_day) earlier.push(t);
  }
  if (earlier.length) {
    await client.query('UPDATE quote_groups g SET first_day = u.d FROM unnest($1::integer[], $2::text[]) AS u(id, d) WHERE g.id = u.id', [
      earlier.map((t) => idOf[t]!),
      earlier.map((t) => texts.days[t]!),
    ]);
  }
  await copyBinaryInto(
    client,
    'quote_groups',
    QUOTE_GROUP_COLUMNS,
    fresh.map((t) => [idOf[t]!, Buffer.from(texts.hashes[t]!, 'hex'), texts.keys[t]!, texts.lengths[t]!, texts.days[t]!]),
  );
  await client.query('UPDATE quote_totals SET groups = groups + $1, quotations = quotations + $2', [fresh.length, texts.textOf.length]);
  await writePostings(client, texts, fresh, idOf);
  return Array.from(texts.textOf, (t) => idOf[t]!);
}

/**
 * Counts and postings of the words of new groups: `fresh` texts, numbered `idOf` ascending, all
 * after the groups stored. Each word's groups are gathered in place (a count per word, then each
 * word's slice filled in group order), without a list per word.
 */
async function writePostings(client: pg.ClientBase, texts: QuotationTexts, fresh: readonly number[], idOf: Int32Array): Promise<void> {
  const { wordStart, wordOf, lengths } = texts;
  const start = new Int32Array(texts.words.length + 1);
  for (const t of fresh) for (let i = wordStart[t]!; i < wordStart[t + 1]!; i++) start[wordOf[i]! + 1]!++;
  for (let w = 0; w < texts.words.length; w++) start[w + 1]! += start[w]!;
  const ids = new Int32Array(start[texts.words.length]!);
  const groupLengths = new Int32Array(ids.length);
  const filled = start.slice(0, texts.words.length);
  for (const t of fresh) {
    for (let i = wordStart[t]!; i < wordStart[t + 1]!; i++) {
      const at = filled[wordOf[i]!]!++;
      ids[at] = idOf[t]!;
      groupLengths[at] = lengths[t]!;
    }
  }
  const used: number[] = [];
  for (let w = 0; w < texts.words.length; w++) if (start[w + 1]! > start[w]!) used.push(w);
  await client.query(
    'INSERT INTO quote_words (word, groups, bucket) SELECT * FROM unnest($1::text[], $2::integer[], $3::text[]) ON CONFLICT (word) DO UPDATE SET groups = quote_words.groups + excluded.groups',
    [used.map((w) => texts.words[w]!), used.map((w) => start[w + 1]! - start[w]!), used.map((w) => texts.buckets[w]!)],
  );
  // Only the block of the first new group may hold a row already (the groups before it in that
  // block): every other row holds groups from its own block on, all numbered before the new ones,
  // and a row whose groups all left was deleted (`quote_groups_forget`). A word's new groups in
  // that block are appended to its row there; the rest go in one new row of their own, keyed by
  // the block of its first group and reaching as far as the batch's groups do: a row per word and
  // batch instead of one per block the batch's groups span (half the rows of a fresh archive), sent
  // by binary COPY (no array literal to parse).
  const shared = fresh.length ? Math.floor(idOf[fresh[0]!]! / POSTING_BLOCK) : 0;
  const appended: PostingsRow[] = [];
  const copied: PostingsRow[] = [];
  for (const w of used) {
    const word = texts.words[w]!;
    const end = start[w + 1]!;
    let k = start[w]!;
    const from = k;
    while (k < end && Math.floor(ids[k]! / POSTING_BLOCK) === shared) k++;
    if (k > from) appended.push({ word, block: shared, ids: ids.subarray(from, k), lengths: groupLengths.subarray(from, k) });
    if (k < end) copied.push({ word, block: Math.floor(ids[k]! / POSTING_BLOCK), ids: ids.subarray(k, end), lengths: groupLengths.subarray(k, end) });
  }
  await inChunks(appended, (chunk) =>
    client.query(
      `INSERT INTO quote_postings (word, block, groups, lengths)
       SELECT w, b, g::integer[], l::integer[] FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[]) AS u(w, b, g, l)
       ON CONFLICT (word, block) DO UPDATE SET groups = quote_postings.groups || excluded.groups, lengths = quote_postings.lengths || excluded.lengths`,
      [chunk.map((r) => r.word), chunk.map((r) => r.block), chunk.map((r) => `{${r.ids.join(',')}}`), chunk.map((r) => `{${r.lengths.join(',')}}`)],
    ),
  );
  await copyBinaryInto(client, 'quote_postings', QUOTE_POSTING_COLUMNS, copied.map((r) => [r.word, r.block, r.ids, r.lengths]));
}

/** A postings row of one word as `writePostings` writes it: its key (the word, the block of its first group), its groups ascending and their lengths. */
interface PostingsRow {
  word: string;
  block: number;
  ids: Int32Array;
  lengths: Int32Array;
}

/** The columns of `quote_groups` as `groupQuotations` copies new groups: a group's words joined by spaces (migration 026), their count. */
const QUOTE_GROUP_COLUMNS = [['id', 'integer'], ['hash', 'bytea'], ['words', 'text'], ['length', 'integer'], ['first_day', 'text']] as const;

/** The columns of `quote_postings` as `writePostings` copies new rows. */
const QUOTE_POSTING_COLUMNS = [['word', 'text'], ['block', 'integer'], ['groups', 'integer[]'], ['lengths', 'integer[]']] as const;

/**
 * Finishes an ingestion or prune run's quotation index, in one transaction: groups quotations left
 * ungrouped (stored before migration 005), then clusters again the speakers the run's quotations
 * may have changed (see `clusterChangedSpeakers`), so that its cost follows what the run changed.
 * The clustering reads the quotations beside its transaction when the pool has a connection free
 * and the grouping changed none of them.
 */
export async function finishQuoteIndex(pool: pg.Pool): Promise<void> {
  await inPoolTransaction(pool, async (client) => {
    const grouped = await groupNewQuotations(client);
    await clusterChangedSpeakers(client, grouped ? undefined : readBeside(pool, client));
  });
}

/** A `ReadAside` on a connection of `pool` when one is idle or may be opened at once, else on `client`. */
function readBeside(pool: pg.Pool, client: pg.ClientBase): ReadAside {
  return async (read) => {
    const free = pool.idleCount > 0 || pool.totalCount < (pool.options.max ?? 10);
    return free && !pool.waitingCount ? usingPoolClient(await pool.connect(), read) : read(client);
  };
}
